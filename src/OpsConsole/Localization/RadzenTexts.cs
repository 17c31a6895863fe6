using System.Globalization;
using Radzen;

namespace OpsConsole.Localization;

/// <summary>
/// The words Radzen's own controls write (a grid's pager and filter menu, a date picker's buttons, a numeric's arrows, a
/// dropdown's "Empty") in the console's language. Radzen asks an <see cref="ILocalizer"/> from the services for each of
/// them with the UI culture, and falls back to its English when the answer is null; a text the console sets on a
/// control itself (a grid's <c>EmptyText</c>) still wins.
/// </summary>
public static class RadzenTexts
{
    /// <summary>Radzen's components and services, with their texts following the console's language.</summary>
    public static IServiceCollection AddConsoleRadzenComponents(this IServiceCollection services)
    {
        services.AddRadzenComponents();
        services.AddScoped<OpsConsole.Components.Shared.Confirmations>();
        services.AddScoped<OpsConsole.Components.Shared.LiveUpdates>();
        services.AddSingleton<ILocalizer, TraditionalChinese>();
        return services;
    }

    /// <summary>
    /// Radzen's resource keys (<c>Component_Property</c>) of the controls the console uses, in Traditional Chinese. Keys
    /// that Radzen concatenates with a column's title keep its spaces. A test checks that every key exists in Radzen,
    /// keeps the placeholders of Radzen's English, and that every control the console's markup uses is covered.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> ZhHant = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Alert_CloseAriaLabel"] = "關閉",

        ["Button_ImageAlternateText"] = "按鈕",

        ["DataGrid_AllColumnsText"] = "全部",
        ["DataGrid_AndOperatorText"] = "且",
        ["DataGrid_ApplyFilterText"] = "套用",
        ["DataGrid_ClearFilterText"] = "清除",
        ["DataGrid_CollapseAllTitle"] = "全部收合",
        ["DataGrid_ColumnsShowingText"] = "欄已顯示",
        ["DataGrid_ColumnsText"] = "欄位",
        ["DataGrid_ContainsText"] = "包含",
        ["DataGrid_CustomText"] = "自訂",
        ["DataGrid_DoesNotContainText"] = "不包含",
        ["DataGrid_EmptyText"] = "沒有可顯示的資料。",
        ["DataGrid_EndsWithText"] = "結尾為",
        ["DataGrid_EnumFilterSelectText"] = "請選擇…",
        ["DataGrid_EnumNullFilterText"] = "無值",
        ["DataGrid_EqualsText"] = "等於",
        ["DataGrid_ExpandAllTitle"] = "全部展開",
        ["DataGrid_ExpandChildItemAriaLabel"] = "展開子項目",
        ["DataGrid_ExpandGroupAriaLabel"] = "展開群組",
        ["DataGrid_FilterOperatorAriaLabel"] = " 篩選運算子 ",
        ["DataGrid_FilterText"] = "篩選",
        ["DataGrid_FilterToggleAriaLabel"] = "開啟或關閉篩選",
        ["DataGrid_FilterValueAriaLabel"] = " 篩選值 ",
        ["DataGrid_GreaterThanOrEqualsText"] = "大於或等於",
        ["DataGrid_GreaterThanText"] = "大於",
        ["DataGrid_GroupPanelText"] = "將欄位標題拖曳到這裡，即可依該欄分組",
        ["DataGrid_InText"] = "屬於",
        ["DataGrid_IsEmptyText"] = "為空白",
        ["DataGrid_IsNotEmptyText"] = "不為空白",
        ["DataGrid_IsNotNullText"] = "已設定",
        ["DataGrid_IsNullText"] = "未設定",
        ["DataGrid_LessThanOrEqualsText"] = "小於或等於",
        ["DataGrid_LessThanText"] = "小於",
        ["DataGrid_LogicalOperatorAriaLabel"] = " 篩選邏輯運算子 ",
        ["DataGrid_NotEqualsText"] = "不等於",
        ["DataGrid_NotInText"] = "不屬於",
        ["DataGrid_OrOperatorText"] = "或",
        ["DataGrid_RemoveGroupAriaLabel"] = "移除分組",
        ["DataGrid_SecondFilterOperatorAriaLabel"] = " 第二個篩選運算子 ",
        ["DataGrid_SecondFilterValueAriaLabel"] = " 第二個篩選值 ",
        ["DataGrid_SelectVisibleColumnsAriaLabel"] = "選擇要顯示的欄位",
        ["DataGrid_StartsWithText"] = "開頭為",

        ["DatePicker_ClearAriaLabel"] = "清除",
        ["DatePicker_DisabledAriaLabel"] = "停用",
        ["DatePicker_HourAriaLabel"] = "時",
        ["DatePicker_MinutesAriaLabel"] = "分",
        ["DatePicker_NextMonthAriaLabel"] = "下個月",
        ["DatePicker_OkAriaLabel"] = "確定",
        ["DatePicker_PopupAriaLabel"] = "日期選擇器",
        ["DatePicker_PrevMonthAriaLabel"] = "上個月",
        ["DatePicker_SecondsAriaLabel"] = "秒",
        ["DatePicker_SelectedAriaLabel"] = "已選取",
        ["DatePicker_TodayAriaLabel"] = "今天",
        ["DatePicker_ToggleAmPmAriaLabel"] = "切換上午／下午",
        ["DatePicker_ToggleAriaLabel"] = "開啟或關閉日曆",

        ["Dialog_AlertTitle"] = "訊息",
        ["Dialog_CancelText"] = "取消",
        ["Dialog_CloseAriaLabel"] = "關閉對話方塊",
        ["Dialog_CloseSideDialogAriaLabel"] = "關閉側邊對話方塊",
        ["Dialog_ConfirmMessage"] = "確定嗎？",
        ["Dialog_ConfirmTitle"] = "確認",
        ["Dialog_OkText"] = "確定",
        ["Dialog_ResizeBarAriaLabel"] = "調整側邊對話方塊大小",
        ["Dialog_ResizeBarTitle"] = "拖曳以調整大小",

        ["DropDown_ClearAriaLabel"] = "清除",
        ["DropDown_EmptyAriaLabel"] = "未選擇",
        ["DropDown_RemoveChipTitle"] = "移除",
        ["DropDown_SearchAriaLabel"] = "搜尋",
        ["DropDown_SelectedItemsText"] = "項已選取",

        ["Notification_CloseAriaLabel"] = "關閉",

        ["Numeric_DownAriaLabel"] = "減少",
        ["Numeric_UpAriaLabel"] = "增加",

        ["Pager_FirstPageAriaLabel"] = "前往第一頁。",
        ["Pager_FirstPageTitle"] = "第一頁",
        ["Pager_LastPageAriaLabel"] = "前往最後一頁。",
        ["Pager_LastPageTitle"] = "最後一頁",
        ["Pager_NavigationAriaLabel"] = "分頁",
        ["Pager_NextPageAriaLabel"] = "前往下一頁。",
        ["Pager_NextPageTitle"] = "下一頁",
        ["Pager_PageAriaLabelFormat"] = "前往第 {0} 頁。",
        ["Pager_PageSizeText"] = "每頁筆數",
        ["Pager_PageTitleFormat"] = "第 {0} 頁",
        ["Pager_PagingSummaryFormat"] = "第 {0} 頁，共 {1} 頁（{2} 筆）",
        ["Pager_PrevPageAriaLabel"] = "前往上一頁。",
        ["Pager_PrevPageTitle"] = "上一頁",
        ["Pager_ReloadAriaLabel"] = "重新載入本頁。",
        ["Pager_ReloadTitle"] = "重新載入",

        ["PanelMenu_AriaLabel"] = "選單",
        ["PanelMenuItem_ImageAlternateText"] = "圖片",

        ["SidebarToggle_ToggleAriaLabel"] = "顯示或隱藏導覽",

        ["Text_AnchorAriaLabel"] = "連結到此段落",
    };

    /// <summary>Radzen's controls that the console's markup does not name but that come with those it does.</summary>
    internal static readonly IReadOnlyDictionary<string, string[]> Brings = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["DataGrid"] = ["Pager"],
        ["Components"] = ["Dialog", "Notification"],
    };

    private sealed class TraditionalChinese : ILocalizer
    {
        // Null is Radzen's "use your own English".
        public string Get(string key, CultureInfo culture) =>
            ConsoleTexts.IsTraditionalChinese(culture) && ZhHant.TryGetValue(key, out var text) ? text : null!;
    }
}

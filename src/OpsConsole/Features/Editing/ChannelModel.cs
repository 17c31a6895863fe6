using System.Globalization;
using FluentValidation;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Sites;
using static OpsConsole.Localization.ConsoleTexts;

namespace OpsConsole.Features.Editing;

/// <summary>A channel as its form edits it.</summary>
public sealed class ChannelModel : IItemModel<Channel>
{
    public ChannelModel(SiteInfo site, Channel channel)
    {
        Source = channel;
        Code = channel.Code;
        Kind = channel.Kind;
        Enabled = channel.Enabled;
        Names = new LocalizedTextModel(site, channel.Names);
        Rate = new RateModel
        {
            FirstWeightGrams = FieldText.WholeNumber(channel.Rate.FirstWeightGrams),
            FirstPrice = FieldText.Money(channel.Rate.FirstPrice, site),
            StepWeightGrams = FieldText.WholeNumber(channel.Rate.StepWeightGrams),
            StepPrice = FieldText.Money(channel.Rate.StepPrice, site),
            MaxWeightGrams = FieldText.WholeNumber(channel.Rate.MaxWeightGrams),
        };
        Transit = new TransitModel
        {
            MinDays = FieldText.WholeNumber(channel.Transit.MinDays),
            MaxDays = FieldText.WholeNumber(channel.Transit.MaxDays),
            BusinessDays = channel.Transit.BusinessDays,
            CutoffLocalTime = channel.Transit.CutoffLocalTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            Holidays = FieldText.Dates(channel.Transit.Holidays),
        };
        Surcharges = [.. channel.Surcharges.Select(s => new SurchargeModel
        {
            Source = s,
            Kind = s.Kind,
            Areas = FieldText.List(s.Areas),
            PostalCodePrefixes = FieldText.List(s.PostalCodePrefixes),
            Amount = FieldText.Money(s.Amount, site),
        })];
        PromiseTemplates = new LocalizedTextModel(site, channel.PromiseTemplates);
    }

    public Channel Source { get; set; }

    public string Code { get; set; }

    public ChannelKind Kind { get; set; }

    public bool Enabled { get; set; }

    public LocalizedTextModel Names { get; }

    public RateModel Rate { get; }

    public TransitModel Transit { get; }

    public List<SurchargeModel> Surcharges { get; }

    public LocalizedTextModel PromiseTemplates { get; }

    public static Channel NewChannel(SiteInfo site, IEnumerable<string> takenCodes)
    {
        var code = Enumerable.Range(1, 999).Select(n => n == 1 ? "NEW_CHANNEL" : $"NEW_CHANNEL_{n}").First(c => !takenCodes.Contains(c, StringComparer.Ordinal));
        // The texts buyers read start empty, to be written in each locale (validation asks at the field), as a new
        // restricted-goods rule's reasons do: placeholders alone passed validation and read "1" or "3-6" to buyers.
        return new Channel(code, ChannelKind.DirectStandard, false,
            LocalizedText.From(site.Locales.Select(l => KeyValuePair.Create(l, code))),
            new Rate(500, 0m, 500, 0m, 20000),
            new Transit(3, 6, true, new TimeOnly(15, 0), []),
            [],
            LocalizedText.Empty);
    }

    public Channel ToChannel() => new(
        FieldText.Kept(Code, Source.Code),
        Kind,
        Enabled,
        Names.ToText(),
        new Rate(FieldText.ParseWholeNumber(Rate.FirstWeightGrams), FieldText.ParseMoney(Rate.FirstPrice), FieldText.ParseWholeNumber(Rate.StepWeightGrams),
            FieldText.ParseMoney(Rate.StepPrice), FieldText.ParseWholeNumber(Rate.MaxWeightGrams)),
        new Transit(FieldText.ParseWholeNumber(Transit.MinDays), FieldText.ParseWholeNumber(Transit.MaxDays), Transit.BusinessDays, TransitModel.ParseCutoff(Transit.CutoffLocalTime) ?? default,
            FieldText.TryDates(Transit.Holidays, out var holidays) ? holidays : []),
        // A home-delivery surcharge has no areas: what its hidden fields still hold (from when it was a remote-area one) is
        // kept in the form, should it become one again, but not put in the configuration.
        Surcharges.Select(s => s.Kind == SurchargeKind.RemoteArea
            ? new Surcharge(s.Kind, FieldText.KeptList(s.Areas, s.Source?.Areas ?? []),
                FieldText.Kept(s.PostalCodePrefixes, s.Source?.PostalCodePrefixes ?? [], FieldText.List, FieldText.ParsePostalCodePrefixes), FieldText.ParseMoney(s.Amount))
            : new Surcharge(s.Kind, [], [], FieldText.ParseMoney(s.Amount))).ToValueList(),
        PromiseTemplates.ToText());
}

// Weights and days are text, as money is: a number box emptied "2.5" or a number too large for it, and read "1e3" as 13.
public sealed class RateModel
{
    public string? FirstWeightGrams { get; set; }

    public string? FirstPrice { get; set; }

    public string? StepWeightGrams { get; set; }

    public string? StepPrice { get; set; }

    public string? MaxWeightGrams { get; set; }
}

public sealed class TransitModel
{
    public string? MinDays { get; set; }

    public string? MaxDays { get; set; }

    public bool BusinessDays { get; set; }

    public string? CutoffLocalTime { get; set; }

    public string? Holidays { get; set; }

    public static TimeOnly? ParseCutoff(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}

public sealed class SurchargeModel
{
    /// <summary>The surcharge the form was made from (none for one added in the form): what its untouched fields keep.</summary>
    public Surcharge? Source { get; init; }

    public SurchargeKind Kind { get; set; }

    public string? Areas { get; set; }

    public string? PostalCodePrefixes { get; set; }

    public string? Amount { get; set; }
}

/// <summary>What the channel form checks before a channel can be built; the domain validator checks the rest.</summary>
public sealed class ChannelModelValidator : AbstractValidator<ChannelModel>
{
    public ChannelModelValidator(SiteInfo site)
    {
        RuleFor(m => m.Rate.FirstWeightGrams).WholeNumberText().WithMessage(_ => T("First weight: enter a whole number of grams, like 500."));
        RuleFor(m => m.Rate.StepWeightGrams).WholeNumberText().WithMessage(_ => T("Step weight: enter a whole number of grams, like 500."));
        RuleFor(m => m.Rate.MaxWeightGrams).WholeNumberText().WithMessage(_ => T("Maximum weight: enter a whole number of grams, like 20000."));
        RuleFor(m => m.Rate.FirstPrice).MoneyText(site, "First price");
        RuleFor(m => m.Rate.StepPrice).MoneyText(site, "Step price");
        RuleFor(m => m.Transit.MinDays).WholeNumberText().WithMessage(_ => T("Minimum days: enter a whole number of days, like 3."));
        RuleFor(m => m.Transit.MaxDays).WholeNumberText().WithMessage(_ => T("Maximum days: enter a whole number of days, like 6."));
        RuleFor(m => m.Transit.CutoffLocalTime).Must(text => TransitModel.ParseCutoff(text) is not null)
            .WithMessage(_ => T("Cut-off: enter a local time like 15:00."));
        RuleFor(m => m.Transit.Holidays).Must(text => FieldText.TryDates(text, out _))
            .WithMessage(_ => T("Holidays: enter dates like 2026-12-25, separated by commas."));
        RuleForEach(m => m.Surcharges).ChildRules(surcharge =>
        {
            surcharge.RuleFor(s => s.Amount).MoneyText(site, "Surcharge");
            surcharge.RuleFor(s => s.PostalCodePrefixes).PostalCodePrefixesText().When(s => s.Kind == SurchargeKind.RemoteArea);
        });
    }
}

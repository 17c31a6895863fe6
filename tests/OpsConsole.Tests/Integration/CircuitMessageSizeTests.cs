using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpsConsole.Domain.Configuration;
using OpsConsole.Domain.Demo;
using OpsConsole.Tests.Infrastructure;

namespace OpsConsole.Tests.Integration;

/// <summary>What a page may send back over its circuit in one message.</summary>
public sealed class CircuitMessageSizeTests : IDisposable
{
    private readonly OpsConsoleFactory app = new();

    [Fact]
    public void AMarketplaceSizedProposal_TypedIntoTheJsonEditor_FitsInOneCircuitMessage()
    {
        // The JSON editor's change event carries the whole text. Above SignalR's default of 32 KB the server closed the
        // circuit at the first keystroke (Chromium: "Connection disconnected with error"), and the edit was lost: any
        // configuration past about 60 restricted-goods rules could not be edited as JSON.
        var json = ConfigurationJson.Serialize(SyntheticConfiguration.Create(restrictedGoodsRules: 5000, channels: 200), indented: true);
        var asEventArgument = Encoding.UTF8.GetByteCount(System.Text.Json.JsonSerializer.Serialize(new { value = json }));
        var hub = typeof(Microsoft.AspNetCore.Components.Server.CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var options = (IOptions<HubOptions>)app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));

        Assert.True(options.Value.MaximumReceiveMessageSize >= asEventArgument,
            $"a circuit takes {options.Value.MaximumReceiveMessageSize:N0} bytes; the proposal's change event is {asEventArgument:N0}");
    }

    public void Dispose() => app.Dispose();
}

using OpsConsole.Features.Audit;

namespace OpsConsole.Tests.Components;

/// <summary>The audit log shows an entry's details as lines a person reads, not as the JSON the chain hashes.</summary>
public sealed class AuditDetailsTests
{
    [Fact]
    public void Lines_GiveEachPropertyItsOwnLine_StringsAsWrittenAndListsJoined()
    {
        var lines = AuditDetails.Lines("""{"comment":"HK$99 is too low.\nAsk logistics first.","sites":["HK","TW"],"warnings":2,"approvalsCleared":false,"reason":null}""");

        Assert.Equal(
            [("comment", "HK$99 is too low.\nAsk logistics first."), ("sites", "HK, TW"), ("warnings", "2"), ("approvalsCleared", "false"), ("reason", "—")],
            lines);
    }

    [Fact]
    public void Lines_OfANestedObject_KeepItsJson()
    {
        var lines = AuditDetails.Lines("""{"to":3,"changed":{"freeShipping":1}}""");

        Assert.Equal([("to", "3"), ("changed", """{"freeShipping":1}""")], lines);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData(null)]
    public void Lines_OfNothing_AreNone(string? details) => Assert.Empty(AuditDetails.Lines(details));

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"comment": "cut off""")]
    public void Lines_OfTextThatIsNotJson_ShowItAsItIs(string details) => Assert.Equal([("", details)], AuditDetails.Lines(details));

    [Fact]
    public void Lines_OfAJsonValueThatIsNotAnObject_ShowThatValue() => Assert.Equal([("", "rolled back by hand")], AuditDetails.Lines("\"rolled back by hand\""));
}

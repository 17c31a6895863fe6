using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;

namespace OpsConsole.Auth;

/// <summary>
/// Sign-ins ended by signing out, kept until they would have run out anyway (<see cref="SessionExpiry.Lifetime"/>). The
/// sign-in cookie carries everything, so removing it from the browser that signed out left every other holder of it
/// signed in: another tab's open page (whose circuit keeps the principal it started with) went on saving, submitting and
/// approving in the name of someone who had signed out, for up to 8 hours, and so did a copy of the cookie. Each sign-in
/// is stamped with an id (<see cref="ClaimType"/>); signing out records it here, the cookie handler refuses it from then
/// on and open pages of that sign-in are signed out at once (<see cref="SessionExpiry"/>).
/// Kept in this process's memory, and by <see cref="EndedSignInStore"/> in the database for the next start: with several
/// consoles behind one address, a sign-out reaches the open pages and cookies of the console that answered it, and of the
/// others once they restart (ADR 0003).
/// </summary>
public sealed class EndedSignIns(TimeProvider clock)
{
    public const string ClaimType = "opsconsole:sign-in";

    private readonly ConcurrentDictionary<string, DateTimeOffset> ended = new(StringComparer.Ordinal);

    /// <summary>Raised with the id of a sign-in that has just ended, on the thread that ended it.</summary>
    public event Action<string>? Ended;

    /// <summary>The id stamped on <paramref name="user"/>'s sign-in, or null for no sign-in or one made before ids were stamped.</summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(ClaimType) is { Value.Length: > 0 } claim ? claim.Value : null;

    /// <summary>Ends <paramref name="user"/>'s sign-in everywhere in this process; nothing for a user without one.</summary>
    /// <returns>The ended sign-in's hash and when it would have run out, to keep (<see cref="EndedSignInStore"/>); null for none.</returns>
    public (string IdHash, DateTimeOffset RunsOut)? End(ClaimsPrincipal user)
    {
        if (IdOf(user) is not { } id)
        {
            return null;
        }

        var runsOut = user.FindFirst(SessionExpiry.ClaimType) is { } claim
            && DateTimeOffset.TryParse(claim.Value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires)
                ? expires
                : clock.GetUtcNow().Add(SessionExpiry.Lifetime);
        var hash = Hash(id);
        Remember(hash, runsOut);
        Ended?.Invoke(id);
        return (hash, runsOut);
    }

    /// <summary>Refuses from now on the sign-in whose id hashes to <paramref name="idHash"/>, until <paramref name="runsOut"/>.</summary>
    public void Remember(string idHash, DateTimeOffset runsOut)
    {
        var now = clock.GetUtcNow();
        ended[idHash] = runsOut;
        // Past its own end a sign-in is refused without this list, so it need not be remembered.
        foreach (var (old, end) in ended)
        {
            if (end <= now)
            {
                ended.TryRemove(old, out _);
            }
        }
    }

    public bool HasEnded(ClaimsPrincipal user) => IdOf(user) is { } id && ended.ContainsKey(Hash(id));

    // Kept as hashes, as the database keeps them: a sign-in's id is only ever compared.
    private static string Hash(string id) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id)));

    /// <summary>Stamps a new sign-in with an id of its own, by which signing out ends it.</summary>
    public static void Stamp(ClaimsIdentity identity)
    {
        if (identity.FindFirst(ClaimType) is { } stale)
        {
            identity.RemoveClaim(stale);
        }

        identity.AddClaim(new Claim(ClaimType, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));
    }
}

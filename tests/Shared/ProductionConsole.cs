namespace OpsConsole.Testing;

/// <summary>
/// Arguments that host the console in Production on a data folder of its own, as the watch bench and the start-up tests
/// do: a throwaway certificate for the key ring, and OpenID Connect settings whose provider is never contacted.
/// </summary>
public static class ProductionConsole
{
    public static string[] Arguments(string dataDirectory, params string[] more)
    {
        var (certificate, password) = TestCertificate.CreatePkcs12(dataDirectory);
        return
        [
            "--applicationName=OpsConsole", $"--contentRoot={AppContext.BaseDirectory}", "--environment=Production",
            $"--Storage:DataDirectory={dataDirectory}",
            $"--DataProtection:CertificatePath={certificate}", $"--DataProtection:CertificatePassword={password}",
            // Production needs OpenID Connect settings; nobody signs in.
            "--Authentication:Oidc:Authority=http://127.0.0.1:9/", "--Authentication:Oidc:ClientId=console", "--Authentication:Oidc:ClientSecret=console",
            .. more,
        ];
    }
}

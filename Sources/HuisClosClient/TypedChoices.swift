public import HuisClosMail
public import HuisClosPublication
public import HuisClosTrust

/// The words a person types for the choices of the faces (the CLI's options, the app's forms):
/// French first (what a refusal lists, read without regard to accents or case), then the English
/// keywords scripts use (exact).
extension Role {
    /// The roles the secretariat appoints to, in French (the feminine as the help's examples write it).
    public static let typed: KeyValuePairs<String, Role> = [
        "membre": .member, "président": .president, "présidente": .president, "vice-président": .vicePresident, "vice-présidente": .vicePresident,
        "second-cercle": .secondCircle, "secrétariat": .secretariat,
    ]
    /// The same roles as English keywords.
    public static let keywords: KeyValuePairs<String, Role> = [
        "member": .member, "president": .president, "vicePresident": .vicePresident,
        "secondCircle": .secondCircle, "secretariat": .secretariat,
    ]
}

extension MandateEndReason {
    /// Why the secretariat or the member ends a mandate, in French (ex officio is the president's
    /// own declaration, not typed here).
    public static let typed: KeyValuePairs<String, MandateEndReason> = ["terme": .term, "démission": .resignation]
    /// The same reasons as English keywords.
    public static let keywords: KeyValuePairs<String, MandateEndReason> = ["term": .term, "resignation": .resignation]
}

extension SMTPSettings.Security {
    /// How the mail server's connection is encrypted, as typed.
    public static let typed: KeyValuePairs<String, SMTPSettings.Security> = ["starttls": .startTLS, "tls": .tls, "aucune": .plain]
}

extension ActivityReport.Referral.Origin {
    /// Who referred a matter to the council, as typed: the departmental president, or the council itself.
    public static let typed: KeyValuePairs<String, ActivityReport.Referral.Origin> = [
        "president": .departmentalPresident, "autosaisine": .selfReferral,
    ]
}

public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosTrust

/// What a face tells the person after a secretariat, device or sync workflow: composed once here,
/// so the CLI and the app say the same thing in both languages.
extension Text {
    /// After creating the council: the trust root to hand out with each enrolment code.
    public static func councilCreated(root: String) -> Text {
        Text(fr: "Conseil créé. Racine de confiance (à donner avec chaque code) : \(root)", en: "Council created. Trust root (hand it out with each code): \(root)")
    }

    /// After certifying a device.
    public static func deviceCertified(_ fingerprint: DeviceFingerprint) -> Text {
        Text(fr: "Appareil certifié : empreinte \(fingerprint), celle que l'appareil du membre affiche (huisclos statut).",
             en: "Device certified: fingerprint \(fingerprint), the one the member's device shows (huisclos status).")
    }

    /// When the device was certified already (the command run again): nothing signed.
    public static func deviceAlreadyCertified(_ fingerprint: DeviceFingerprint) -> Text {
        Text(fr: "Appareil déjà certifié : empreinte \(fingerprint) ; rien n'a été signé de nouveau.",
             en: "Device already certified: fingerprint \(fingerprint); nothing was signed again.")
    }

    /// After a grant or a withdrawal signed into the membership log.
    public static let logUpdated = Text(fr: "Registre mis à jour.", en: "Log updated.")

    /// After `admin acces`: who holds which access to which scope now, or that it was so already.
    public static func accessSet(member: String, scope: ScopeID, _ access: ScopeAccess?, changed: Bool) -> Text {
        let held: Text = switch access {
        case .readWrite?: Text(fr: "accès en lecture et écriture \(FrenchGrammar.to(scope.text.french))", en: "read and write access to \(scope.text.english)")
        case .read?: Text(fr: "accès en lecture seule \(FrenchGrammar.to(scope.text.french))", en: "read-only access to \(scope.text.english)")
        case nil: Text(fr: "aucun accès \(FrenchGrammar.to(scope.text.french))", en: "no access to \(scope.text.english)")
        }
        return changed
            ? Text(fr: "Registre mis à jour : le membre \(member) a désormais \(held.french).", en: "Log updated: member \(member) now has \(held.english).")
            : Text(fr: "Rien à signer : le membre \(member) a déjà \(held.french).", en: "Nothing to sign: member \(member) already has \(held.english).")
    }

    /// An enrolment code's root and expiry (the council's time), printed under the code.
    public static func enrolmentCode(_ created: EnrolmentCode) -> Text {
        let root = created.root.map { Text(fr: "racine \($0)", en: "root \($0)") }
            ?? Text(fr: "racine : celle de la sauvegarde (huisclos enrol --racine racine.hcroot)", en: "root: the backup's (huisclos enrol --root racine.hcroot)")
        let rootArgument = created.root ?? "racine.hcroot"
        return Text(fr: "\(root.french) · valable jusqu'au \(LocalTime.text(unixSeconds: created.expiresAtSeconds, in: .french))\n"
                        + "À remettre au membre : ce code, la racine, l'adresse du serveur, son identifiant de membre (huisclos membres liste) "
                        + "et le fichier de la charte. Sur son appareil : huisclos enrol --serveur <adresse> --code \(created.code) "
                        + "--racine \(rootArgument) --membre <identifiant> --charte <fichier> ; il vous lit ensuite la carte affichée, "
                        + "que vous recopiez avec huisclos admin certifier.",
                    en: "\(root.english) · valid until \(LocalTime.text(unixSeconds: created.expiresAtSeconds, in: .english)) (Paris time)\n"
                        + "For the member: this code, the root, the server's address, their member id (huisclos membres liste) "
                        + "and the charter file. On their device: huisclos enrol --serveur <address> --code \(created.code) "
                        + "--racine \(rootArgument) --membre <id> --charte <file>; they then read you the card it shows, "
                        + "which you copy with huisclos admin certifier.")
    }

    /// After revoking a device.
    public static let deviceRevoked = Text(fr: "Appareil révoqué ; les portées concernées changent de clé.", en: "Device revoked; its scopes move to a new key.")

    /// After approving one of the member's pending devices.
    public static func deviceApproved(_ fingerprint: String) -> Text {
        Text(fr: "Appareil \(fingerprint) approuvé : il recevra vos clés à la prochaine synchronisation de cet appareil.",
             en: "Device \(fingerprint) approved: it receives your keys at this device's next sync.")
    }

    /// After changing the device's passphrase.
    public static let passphraseChanged = Text(fr: "Phrase de passe changée.", en: "Passphrase changed.")

    /// A signed wipe order carried out.
    public static let wiped = Text(fr: "Ordre d'effacement signé reçu : les données de cet appareil ont été détruites.",
                                   en: "Signed wipe order received: this device's data has been destroyed.")

    /// After restoring the trust root onto this secretariat device.
    public static let rootRestored = Text(
        fr: "Racine restaurée : cet appareil est certifié par elle et peut certifier les appareils du secrétariat. Révoquez l'appareil perdu.",
        en: "Root restored: this device is certified by it and may certify secretariat devices. Revoke the lost device.")
}

extension [ReportLine] {
    /// After exporting the trust root to `path` (and removing it from the device when `removed`):
    /// where it is, and how to keep the file.
    public static func rootExported(to path: String, removed: Bool) -> [ReportLine] {
        [.info(Text(fr: "Racine de confiance exportée dans \(path), scellée sous sa phrase de passe.", en: "Trust root exported to \(path), sealed under its passphrase."))]
            + (removed ? [.info(Text(
                fr: "La racine a été retirée de cet appareil : restaurez-la (huisclos admin racine restaurer) pour certifier un appareil du secrétariat.",
                en: "The root was removed from this device: restore it (huisclos admin racine restaurer) to certify a secretariat device."))] : [])
            + [.problem(Text(
                fr: "Attention : gardez ce fichier hors ligne (clé USB au coffre), jamais sur un appareil connecté ni dans une messagerie ; qui le détient avec sa phrase de passe contrôle le secrétariat du conseil.",
                en: "Warning: keep this file offline (a USB key in a safe), never on a connected device or in a mailbox; whoever holds it with its passphrase controls the council's secretariat."))]
    }
}

import HuisClosCouncil
import HuisClosDevice
public import HuisClosL10n
public import HuisClosTrust

extension DeviceStanding {
    /// What this standing means for the person holding the device, and what to do.
    public var text: Text {
        func day(_ instant: Instant) -> Day { Day(unixSeconds: instant.unixSeconds) ?? Day(year: 1970, month: 1, day: 1)! }
        switch self {
        case .valid:
            return Text(fr: "Certifié dans le registre signé.", en: "Certified in the signed log.")
        case .notCertified:
            return Text(fr: "Pas encore certifié : remettez votre carte au secrétariat, puis synchronisez après la certification.",
                        en: "Not certified yet: give your card to the secretariat, then sync after certification.")
        case let .revoked(at):
            return Text(fr: "Appareil révoqué le \(day(at).french) : il n'a plus accès au conseil. Si c'est une erreur, contactez le secrétariat.",
                        en: "Device revoked on \(day(at).iso): it no longer has access to the council. If this is a mistake, contact the secretariat.")
        case let .mandateEnded(at):
            return Text(fr: "Votre mandat a pris fin le \(day(at).french) : accès au conseil retiré. Ce qui reste sur l'appareil n'est plus lisible.",
                        en: "Your mandate ended on \(day(at).iso): access to the council withdrawn. What remains on the device can no longer be read.")
        case .mandateNotStarted:
            return Text(fr: "Certifié, mais votre mandat n'a pas encore commencé : synchronisez à sa date de début.",
                        en: "Certified, but your mandate has not started yet: sync on its start date.")
        }
    }
}

extension Text {
    /// What `sync` and `status` tell a member about a device of theirs awaiting approval.
    public static func awaitingApproval(_ fingerprint: DeviceFingerprint) -> Text {
        Text(fr: "Un nouvel appareil a été ajouté à votre compte, empreinte \(fingerprint) : approuvez-le avec "
                 + "« huisclos appareils approuver \(fingerprint) » s'il est à vous, sinon signalez-le au secrétariat.",
             en: "A new device was added to your account, fingerprint \(fingerprint): approve it with "
                 + "'huisclos appareils approuver \(fingerprint)' if it is yours, otherwise report it to the secretariat.")
    }
}

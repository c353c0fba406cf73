public import HuisClosCouncil
public import HuisClosDevice
public import HuisClosL10n
public import HuisClosPublication
import HuisClosCrypto
import HuisClosWire
import HuisClosTrust

/// What a face tells the person after a register, group, referral or report workflow: composed
/// once here, so the CLI and the app say the same thing in both languages.
extension Text {
    /// After appointing `name` (`id`) until `term`.
    public static func appointed(_ name: String, id: String, until term: Day, gender: Member.Gender? = nil) -> Text {
        let appointed = switch gender { case .female: "Nommée"; case .male: "Nommé"; case .other, nil: "Nommé·e" }
        return Text(fr: "\(appointed) : \(name) — identifiant \(id) — mandat jusqu'au \(term.french)", en: "Appointed: \(name) — id \(id) — mandate until \(term.iso)")
    }

    /// After adding the vice-presidency to `name`'s running mandate (ending on `end`, if known).
    public static func vicePresidentAppointed(_ name: String, until end: Day?) -> Text {
        Text(fr: "Vice-président·e : \(name) — rôle ajouté au mandat en cours\(end.map { " (jusqu'au \($0.french))" } ?? ""), sans nouveau mandat.",
             en: "Vice-president: \(name) — role added to the running mandate\(end.map { " (until \($0.iso))" } ?? ""), no new mandate.")
    }

    /// After the president's proposal of `name` as vice-president.
    public static func vicePresidentProposed(_ name: String) -> Text {
        Text(fr: "Proposition enregistrée pour \(name).", en: "Proposal recorded for \(name).")
    }

    /// The first circle's parity, as a share of women among declared genders.
    public static func parity(_ percentWomen: Int) -> Text {
        Text(fr: "Parité : \(percentWomen) % de femmes parmi les genres déclarés.", en: "Parity: \(percentWomen)% women among declared genders.")
    }

    /// After ending `name`'s mandate.
    public static func mandateEnded(_ name: String, term: Day?, on today: Day) -> Text {
        let early = term.map { $0 > today } ?? false
        return Text(fr: "Mandat \(FrenchGrammar.of(name)) terminé le \(today.french)\(early ? " (il courait jusqu'au \(term!.french))" : "") ; ses appareils perdent l'accès au conseil.",
                    en: "Mandate of \(name) ended on \(today.iso)\(early ? " (it ran until \(term!.iso))" : ""); their devices lose council access.")
    }

    /// After the president declared `name` resigned ex officio.
    public static func declaredResigned(_ name: String) -> Text {
        Text(fr: "\(name) est déclaré·e démissionnaire d'office : mandat terminé, nouvelle clé du conseil, ses appareils n'y ont plus accès.",
             en: "\(name) is declared resigned ex officio: mandate ended, new council key, their devices no longer have access.")
    }

    /// After renewing `name`'s mandate under order `order`.
    /// Says a presidency given back or not, and the devices a change of role leaves to replace.
    public static func mandateRenewed(_ name: String, order: String, _ renewal: MandateRenewal) -> Text {
        let mandate = renewal.mandate
        var said = [Text(fr: "Mandat \(FrenchGrammar.of(name)) renouvelé (\(Mandate.order(order).french)) : du \(mandate.start.french) au \(mandate.termEnd.french).",
                         en: "Mandate of \(name) renewed (\(Mandate.order(order).english)): from \(mandate.start.iso) to \(mandate.termEnd.iso).")]
        if renewal.formerRole == .president, renewal.role != .president {
            said.append(Text(fr: "Renouvelé·e comme membre : la présidence n'est pas reconduite (le conseil n'en a qu'une ; pour la reconduire, si elle est libre : --presidence).",
                             en: "Renewed as a member: the presidency is not given back (the council has one; to give it back, if free: --presidence)."))
        } else if renewal.role == .president, renewal.formerRole != .president {
            said.append(Text(fr: "Renouvelé·e à la présidence.", en: "Renewed as president."))
        }
        if !renewal.devicesLeftBehind.isEmpty {
            let keys = renewal.devicesLeftBehind.map { Hex.encode($0.certificate.signingKey.bytes) }.joined(separator: ", ")
            said.append(Text(
                fr: "Ses appareils, certifiés pour son rôle précédent, ne valent pas pour ce mandat : révoquez-les (huisclos admin revoquer --cle-appareil <clé>) et faites-en enrôler de nouveaux (huisclos admin code). Clés : \(keys).",
                en: "Their devices, certified for their former role, are not valid for this mandate: revoke them (huisclos admin revoquer --cle-appareil <key>) and have new ones enrolled (huisclos admin code). Keys: \(keys)."))
        }
        return Text(fr: said.map(\.french).joined(separator: " "), en: said.map(\.english).joined(separator: " "))
    }

    /// After recording a past mandate of `name`; `count` mandates are now in the register.
    public static func pastMandateRecorded(_ name: String, order: String, from: Day, to: Day, count: Int) -> Text {
        Text(fr: "Mandat antérieur \(FrenchGrammar.of(name)) enregistré (\(Mandate.order(order).french), du \(from.french) au \(to.french)) : \(count) mandat(s) au registre.",
             en: "Past mandate of \(name) recorded (\(Mandate.order(order).english), \(from.iso) to \(to.iso)): \(count) mandate(s) in the register.")
    }

    /// The end of an appointment import: `count` appointments checked (`dryRun`) or recorded.
    public static func imported(_ count: Int, dryRun: Bool) -> Text {
        dryRun ? Text(fr: "Essai : \(count) nomination(s) valide(s) ; rien n'est écrit.", en: "Dry run: \(count) valid appointment(s); nothing written.")
               : Text(fr: "\(count) membre(s) nommé(s).", en: "\(count) member(s) appointed.")
    }

    /// An appointment file refused for `count` bad lines.
    public static func importRefused(_ count: Int) -> Text {
        Text(fr: "Fichier refusé : \(count) ligne(s) en erreur, aucune nomination enregistrée.", en: "File refused: \(count) line(s) in error, no appointment recorded.")
    }

    /// After creating working group `name`.
    public static func groupCreated(_ name: String, members: Int, supplementary: Int) -> Text {
        Text(fr: "Groupe \(name) créé : \(members) membre(s), \(supplementary) supplémentaire(s). Portée : groupe:\(name) (pour --portee).",
             en: "Group \(name) created: \(members) member(s), \(supplementary) supplementary. Scope: groupe:\(name) (for --portee).")
    }

    /// After recording referral `id`, received on `day`.
    public static func referralReceived(_ id: String, on day: Day) -> Text {
        Text(fr: "Saisine \(id) enregistrée (reçue le \(day.french)).", en: "Referral \(id) recorded (received \(day.iso)).")
    }

    /// After linking referral `id` to the avis answering it.
    public static func referralAnswered(_ id: String, by avis: String) -> Text {
        Text(fr: "Saisine \(id) répondue par \(avis).", en: "Referral \(id) answered by \(avis).")
    }

    /// After the secretariat signed the absences report naming `count` members.
    /// `already` of the report's findings were in the log before: not signed again.
    public static func absencesSigned(_ count: Int, already: Int = 0) -> Text {
        guard already > 0 else {
            return Text(fr: "Rapport d'absences signé dans le journal des membres : \(count) membre(s).", en: "Absences report signed into the membership log: \(count) member(s).")
        }
        return Text(fr: "Rapport d'absences signé dans le journal des membres : \(count) membre(s) maintenant, \(already) déjà signé(s) auparavant (rien de signé deux fois).",
                    en: "Absences report signed into the membership log: \(count) member(s) now, \(already) signed before (nothing signed twice).")
    }

    /// An absences report that names nobody.
    public static let noAbsences = Text(fr: "Aucun membre n'a manqué 3 séances consécutives.", en: "No member missed 3 consecutive séances.")

    /// Under an absences report counting séances recorded after they had begun.
    public static let absencesRecordedLate = Text(
        fr: "(a posteriori) : séance enregistrée après avoir commencé ; HuisClos n'y a convoqué personne. Avant de signer ou de déclarer une démission d'office, vérifiez que ses membres y avaient été convoqués (papier, courriel).",
        en: "(after the fact): a séance recorded after it had begun; HuisClos convened nobody to it. Before signing or declaring a resignation ex officio, check its members had been convened (paper, e-mail).")

    /// What follows an absences report: the president's declaration once `signed`, else the signature.
    public static func absencesNextStep(signed: Bool) -> Text {
        signed ? Text(fr: "La présidence peut déclarer : huisclos membres declarer-demission <identifiant>",
                      en: "The president may declare: huisclos membres declarer-demission <id>")
               : Text(fr: "Pour qu'une démission d'office soit possible, le secrétariat signe le rapport : huisclos rapport absences --signer",
                      en: "For a resignation ex officio to be possible, the secretariat signs the report: huisclos rapport absences --signer")
    }

    /// A warning before the activity report is written in plaintext to `folder`.
    public static func reportInPlaintext(_ folder: String) -> Text {
        Text(fr: "Attention : le rapport est écrit en clair hors de l'appareil chiffré (\(folder)).",
             en: "Warning: the report is written in plaintext outside the encrypted device (\(folder)).")
    }

    /// After writing the activity report of `year` to `folder`.
    public static func activityReportWritten(_ report: ActivityReport, year: Int, to folder: String) -> Text {
        Text(fr: "Rapport \(year) : \(report.seances.count) séance(s), \(report.avisAdopted) avis, \(report.referrals.count) saisine(s), \(report.groups.count) groupe(s), \(report.hearings.count) audition(s) — écrit dans \(folder).",
             en: "Report \(year): \(report.seances.count) séance(s), \(report.avisAdopted) avis, \(report.referrals.count) referral(s), \(report.groups.count) group(s), \(report.hearings.count) hearing(s) — written to \(folder).")
    }
}

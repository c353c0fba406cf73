import HuisClosDossiers
public import HuisClosL10n

/// What a face tells the person about a séance's procès-verbal, composed once here.
extension Text {
    /// After the PV of `seance` was drafted with `count` paragraphs.
    public static func minutesDrafted(_ seance: String, paragraphs count: Int) -> Text {
        Text(fr: "Procès-verbal de la séance \(seance) rédigé : \(count) paragraphes. Relisez-le (huisclos pv voir \(seance)), corrigez-le (huisclos pv ecrire \(seance) N \"texte\") ; il part à la prochaine synchronisation.",
             en: "Minutes of séance \(seance) drafted: \(count) paragraphs. Read them (huisclos pv voir \(seance)), correct them (huisclos pv ecrire \(seance) N \"text\"); they leave at the next sync.")
    }

    /// After the approval of `seance`'s PV at `approving` was recorded and synced.
    public static func minutesApproved(_ seance: String, at approving: String) -> Text {
        Text(fr: "Procès-verbal de la séance \(seance) approuvé à la séance \(approving) et synchronisé. La présidence le signe : huisclos pv signer \(seance).",
             en: "Minutes of séance \(seance) approved at séance \(approving) and synced. The president signs them: huisclos pv signer \(seance).")
    }

    /// After the president's device signed `seance`'s PV (and time-stamped it when `stamped`).
    public static func minutesSigned(_ seance: String, stamped: Bool) -> Text {
        stamped
            ? Text(fr: "Procès-verbal de la séance \(seance) signé, horodaté et synchronisé.", en: "Minutes of séance \(seance) signed, time-stamped and synced.")
            : Text(fr: "Procès-verbal de la séance \(seance) signé et synchronisé (aucune autorité d'horodatage configurée).",
                   en: "Minutes of séance \(seance) signed and synced (no time-stamping authority configured).")
    }

    /// After `seance`'s PV was time-stamped.
    public static func minutesStamped(_ seance: String) -> Text {
        Text(fr: "Procès-verbal de la séance \(seance) horodaté et synchronisé.", en: "Minutes of séance \(seance) time-stamped and synced.")
    }

    /// After the PV of `seance` was published at `address`.
    public static func minutesPublished(_ seance: String, at address: String) -> Text {
        Text(fr: "Procès-verbal de la séance \(seance) publié : \(address)", en: "Minutes of séance \(seance) published: \(address)")
    }

    /// After the PV was written in plaintext to `output`.
    public static func minutesExported(_ output: String) -> Text {
        Text(fr: "Procès-verbal écrit en clair dans \(output) : il quitte le stockage chiffré, gardez-le en lieu sûr.",
             en: "Minutes written in plaintext to \(output): they leave encrypted storage, keep them safe.")
    }
}

extension MinutesView {
    /// The PV as `pv voir` shows it: its status, each paragraph numbered (a conflict's versions
    /// lettered), then what this device verified. `name` gives a member's name from its hex id.
    public func display(name: (String) -> String) -> Text {
        let status = record.status == .approved ? Text(fr: "approuvé", en: "approved") : Text(fr: "projet", en: "draft")
        var french = ["Procès-verbal de la séance \(record.seance) — \(status.french)"], english = ["Minutes of séance \(record.seance) — \(status.english)"]
        for paragraph in record.paragraphs {
            if paragraph.isConflict {
                french.append("\(paragraph.id). VERSIONS CONCURRENTES (réécrivez ce paragraphe) :")
                english.append("\(paragraph.id). CONFLICTING VERSIONS (rewrite this paragraph):")
                for (letter, version) in zip("abcdefghijklmnopqrstuvwxyz", paragraph.versions) {
                    french.append("   \(letter)) \(version)")
                    english.append("   \(letter)) \(version)")
                }
            } else {
                french.append("\(paragraph.id). \(paragraph.versions.joined())")
                english.append("\(paragraph.id). \(paragraph.versions.joined())")
            }
        }
        for line in attestation(name: name) {
            french.append("- \(line.french)")
            english.append("- \(line.english)")
        }
        return Text(fr: french.joined(separator: "\n"), en: english.joined(separator: "\n"))
    }
}

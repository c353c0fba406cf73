public import HuisClosDossiers
public import HuisClosL10n

extension Consultations.Tag {
    /// The tag as a person reads it.
    public var label: Text { self == .retained ? Text(fr: "retenue", en: "kept") : Text(fr: "écartée", en: "set aside") }
}

/// What a face tells the person about a consultation's contributions, in both languages.
extension [ReportLine] {
    /// Each contribution opened (number, reception, who, tag, then its text), their count, and a
    /// warning when some did not open.
    public static func contributions(_ opened: [ReadContribution], unreadable: Int) -> [ReportLine] {
        var lines = opened.map { contribution in
            let who = Text(
                fr: contribution.author.map { "second cercle : \($0)" } ?? contribution.contact ?? "anonyme",
                en: contribution.author.map { "second circle: \($0)" } ?? contribution.contact ?? "anonymous")
            let tag = contribution.tag.flatMap(Consultations.Tag.init(rawValue:)).map(\.label)
            let heading = { (language: Language) in
                "#\(contribution.position) — \(contribution.received) — \(who.in(language))" + (tag.map { " — \($0.in(language))" } ?? "")
            }
            return ReportLine.info(Text(fr: heading(.french) + "\n\(contribution.text)\n", en: heading(.english) + "\n\(contribution.text)\n"))
        }
        lines.append(.info(Text(fr: "\(opened.count) contribution(s).", en: "\(opened.count) contribution(s).")))
        if unreadable > 0 {
            lines.append(
                .problem(
                    Text(
                        fr: "\(unreadable) contribution(s) ne s'ouvrent pas (abîmées ou mal signées) : elles sont ignorées.",
                        en: "\(unreadable) contribution(s) do not open (damaged or badly signed): they are skipped.")))
        }
        return lines
    }
}

extension Text {
    /// After closing consultation `id` early.
    public static func consultationClosed(_ id: String) -> Text {
        Text(fr: "Consultation \(id) close : elle ne reçoit plus de contributions.", en: "Consultation \(id) closed: it takes no more contributions.")
    }

    /// After a second-circle member's contribution left their device.
    public static let contributionSent = Text(fr: "Contribution envoyée, chiffrée pour le conseil seul.", en: "Contribution sent, encrypted for the council only.")

    /// After tagging contribution `position`.
    public static func contributionTagged(_ position: UInt64, _ tag: Consultations.Tag) -> Text {
        Text(fr: "Contribution \(position) : \(tag.label.french).", en: "Contribution \(position): \(tag.label.english).")
    }
}

extension ReadContribution {
    /// The contributor's name and e-mail as given on the public form, nil when neither was.
    var contact: String? {
        let given = [name, email].compactMap { $0 }.joined(separator: ", ")
        return given.isEmpty ? nil : given
    }
}

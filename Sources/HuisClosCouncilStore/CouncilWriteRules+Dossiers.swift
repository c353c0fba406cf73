public import HuisClosCouncil
import HuisClosEngine
import HuisClosL10n
import HuisClosTrust

extension CouncilWriteRules {
    /// The rule for a council-scope dossier record, or nil for a kind it does not govern.
    ///
    /// Dossiers and their versions: the president or the secretariat (they put material before the
    /// council). Avis: any first-circle member in office or an office drafts (title, kind,
    /// referral); the adoption and publication (status, séance, vote) are recorded by the president
    /// or the secretariat. Paragraphs: first-circle members in office. Referrals: received by the
    /// secretariat, marked answered with the adoption. Working groups: the president. Hearings: the
    /// secretariat (it appoints the guest and signs the wipe order). Minutes: drafted and approved
    /// by the president or the secretariat; signed by the president alone. Consultations: the
    /// president or the secretariat; tags on their contributions: first-circle members in office and the offices.
    /// The dossier-side kinds `dossierRule` governs.
    static let dossierKinds: Set<String> = [
        DossierRecords.Kind.dossier, DossierRecords.Kind.version, DossierRecords.Kind.avis, DossierRecords.Kind.paragraph,
        DossierRecords.Kind.referral, DossierRecords.Kind.workingGroup, DossierRecords.Kind.hearing, DossierRecords.Kind.minutesParagraph,
        DossierRecords.Kind.minutes, DossierRecords.Kind.consultation, DossierRecords.Kind.contributionTag,
    ]

    static func dossierRule(for change: Change, role: Role?) -> CouncilError? {
        let office = role?.actsForTheCouncil == true
        let inOffice = role?.sitsInFirstCircle == true
        switch change.record.kind {
        case DossierRecords.Kind.dossier, DossierRecords.Kind.version:
            return office ? nil : putsDossiers
        case DossierRecords.Kind.avis:
            if office { return nil }
            return inOffice && Self.isDrafting(change) ? nil : recordsAdoption
        case DossierRecords.Kind.paragraph:
            return inOffice ? nil : draftsInOffice
        case DossierRecords.Kind.referral:
            if role == .secretariat { return nil }
            if case let .set(_, field, _) = change, field == DossierRecords.referralAnswer, office { return nil }
            return receivesReferrals
        case DossierRecords.Kind.workingGroup:
            return role == .president ? nil : createsGroups
        case DossierRecords.Kind.hearing:
            return role == .secretariat ? nil : keepsHearings
        case DossierRecords.Kind.minutesParagraph:
            return office ? nil : keepsMinutes
        case DossierRecords.Kind.minutes:
            if case let .set(_, field, _) = change, DossierRecords.minutesSignatureFields.contains(field) {
                return role == .president ? nil : signsMinutes
            }
            return office ? nil : keepsMinutes
        case DossierRecords.Kind.consultation:
            return office ? nil : opensConsultations
        case DossierRecords.Kind.contributionTag:
            return office || inOffice ? nil : tagsContributions
        default:
            return nil
        }
    }

    /// True for the avis changes a drafting member makes: its title, kind, referral, draft status.
    static func isDrafting(_ change: Change) -> Bool {
        guard case let .set(_, field, value) = change else { return false }
        if DossierRecords.draftingFields.contains(field) { return true }
        return field == "status" && value == .text(DossierRecords.draftStatus)
    }

    /// The refusal of a publication by anyone but the president or the secretariat
    /// (`Role.actsForTheCouncil`, which `MembershipState.mayWritePublic` applies to the public scope).
    public static let publishes = CouncilError(.roleRequired, Text(
        fr: "Seules la présidence et le secrétariat publient les textes adoptés : demandez-leur de publier.",
        en: "Only the president and the secretariat publish adopted texts: ask them to publish."))
    static let opensConsultations = CouncilError(.roleRequired, Text(
        fr: "Les consultations sont ouvertes et closes par la présidence ou le secrétariat : demandez-leur de le faire.",
        en: "Consultations are opened and closed by the president or the secretariat: ask them to do it."))
    static let tagsContributions = CouncilError(.roleRequired, Text(
        fr: "Seul·e un·e membre du premier cercle en fonction, la présidence ou le secrétariat marque les contributions.",
        en: "Only a first-circle member in office, the president or the secretariat tags contributions."))
    static let putsDossiers = CouncilError(.roleRequired, Text(
        fr: "Les dossiers du conseil sont déposés par la présidence ou le secrétariat : demandez-leur d'ajouter ce document.",
        en: "Council dossiers are filed by the president or the secretariat: ask them to add this document."))
    static let recordsAdoption = CouncilError(.roleRequired, Text(
        fr: "L'adoption d'un avis en séance et sa publication sont enregistrées par la présidence ou le secrétariat : utilisez l'un de leurs appareils.",
        en: "An avis's adoption at a séance and its publication are recorded by the president or the secretariat: use one of their devices."))
    static let draftsInOffice = CouncilError(.roleRequired, Text(
        fr: "Seul·e un·e membre du premier cercle en fonction rédige un avis du conseil.",
        en: "Only a first-circle member in office drafts a council avis."))
    static let receivesReferrals = CouncilError(.roleRequired, Text(
        fr: "Le secrétariat enregistre les saisines reçues : utilisez un appareil du secrétariat.",
        en: "The secretariat records the referrals received: use a secretariat device."))
    static let createsGroups = CouncilError(.roleRequired, Text(
        fr: "Seule la présidence crée un groupe de travail et en désigne les membres : utilisez l'appareil de la présidence.",
        en: "Only the president creates a working group and designates its members: use the president's device."))
    static let keepsMinutes = CouncilError(.roleRequired, Text(
        fr: "Le procès-verbal est rédigé et son approbation enregistrée par la présidence ou le secrétariat : utilisez l'un de leurs appareils.",
        en: "The minutes are drafted and their approval recorded by the president or the secretariat: use one of their devices."))
    static let signsMinutes = CouncilError(.roleRequired, Text(
        fr: "Seule la présidence signe le procès-verbal approuvé : utilisez l'appareil de la présidence.",
        en: "Only the president signs the approved minutes: use the president's device."))
    static let keepsHearings = CouncilError(.roleRequired, Text(
        fr: "Le secrétariat tient le registre des auditions (il nomme l'invité·e et signe l'ordre d'effacement) : utilisez un appareil du secrétariat.",
        en: "The secretariat keeps the hearing register (it appoints the guest and signs the wipe order): use a secretariat device."))
}

import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal
import HuisClosTrust

/// `huisclos membres …`: the register, from the verified membership log and the council's profiles.
struct MemberCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "membres",
        abstract: "Registre du conseil / the council's register.",
        discussion: """
            Exemples / examples:
              huisclos membres liste
              huisclos membres nommer --nom "Alice Martin" --categorie recherche --genre femme --arrete 2026-0142
              huisclos membres nommer --role président --nom "Nadia Ali" --categorie partenaires-publics --arrete 2026-0140
              huisclos membres proposer-vp <id>        (la présidente / the president)
              huisclos membres nommer --role vice-président --membre <id> --arrete 2026-0150
                  (secrétariat : rôle ajouté au mandat en cours, sans nouveau mandat / role on the running mandate)
              huisclos membres composition --json
              huisclos membres importer nominations.csv --essai   (colonnes : voir --help / columns: see --help)
              huisclos membres renouveler <id> --arrete 2026-0311   (même rôle et profil / same role and profile)
              huisclos membres historique <id> --arrete 2021-0088 --debut 2021-02-01 --fin 2024-02-01   (mandat antérieur / past mandate)
              huisclos membres fin-mandat <id> --motif démission
              huisclos membres declarer-demission <id>  (la présidente, sur le rapport d'absences)
            """,
        subcommands: [
            List.self, Appoint.self, Import.self, Renew.self, History.self, Email.self, ProposeVicePresident.self, Composition.self, EndMandate.self, DeclareResigned.self,
        ])

    struct List: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Membres, rôles et mandats / members, roles, mandates.",
            discussion: "Exemple / example : huisclos membres liste --json")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try session.memberListing(in: language).show(json: json)
            // Warnings on standard error, so `--json` stays a clean listing; the missing proposal only in the table.
            show(session.registerWarnings.filter { if case .info = $0 { !json } else { true } })
        }
    }

    struct Appoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nommer",
            abstract: "Nomme un membre pour 3 ans (secrétariat) / appoints a member for 3 years (secretariat).",
            discussion: """
                Exemple / example : huisclos membres nommer --nom "Alice Martin" --categorie recherche --genre femme --arrete 2026-0142 --date 2026-01-05
                Refusé : un 31e membre du premier cercle, un troisième mandat, une personne déjà en fonction, un arrêté postdaté. \
                Affiche l'identifiant à remettre au membre pour son enrôlement.
                Un appareil ne vaut que pour le rôle sous lequel il a été certifié : un renouvellement (--membre) dans un autre rôle \
                demande d'enrôler de nouveaux appareils, après avoir révoqué les anciens (admin revoke) : sans révocation visible, \
                un nouvel appareil attend l'approbation d'un appareil du membre. Nommer au secrétariat demande l'appareil qui détient la racine de confiance.
                --role vice-président --membre <id> : la vice-présidence est un rôle sur le mandat en cours d'un membre du premier cercle,
                après la proposition de la présidence (huisclos membres proposer-vp) ; ni nouveau mandat ni changement de terme ; --nom et --categorie inutiles.
                """)
        @OptionGroup var device: DeviceOptions
        @Option(help: "Rôle / role : membre, président, vice-président, second-cercle, secrétariat.") var role: String = "membre"
        @Option(name: .customLong("membre"), help: "Identifiant existant (renouvellement, vice-présidence) / existing member id.") var member: String?
        @Option(name: .customLong("nom"), help: "Nom / name (sauf vice-président).") var name: String?
        @Option(name: .customLong("categorie"), help: "économie, éducation, recherche, partenaires-publics, société-civile (sauf vice-président).")
        var category: String?
        @Option(name: .customLong("genre"), help: "femme, homme, autre (facultatif / optional).") var gender: String?
        @Option(name: .customLong("arrete"), help: "Numéro de l'arrêté / order number.") var order: String
        @Option(help: "Date de l'arrêté, début du mandat (YYYY-MM-DD, aujourd'hui par défaut) / order date.") var date: String?
        @Flag(help: .json) var json = false

        func run() async throws {
            let orderDay = try date.map { try parseDay($0, option: "--date") }
            let role = try parseChoice(role, option: "--role", Role.typed, keywords: Role.keywords)
            if role == .vicePresident { return try await appointVicePresident(orderDay) }
            guard let name, let categoryWord = category else {
                throw UsageError(
                    missing: Text(fr: "--nom et --categorie", en: "--nom and --categorie"),
                    example: "huisclos membres nommer --nom \"Alice Martin\" --categorie recherche --arrete 2026-0142")
            }
            let category: Member.Category = try parseTyped(categoryWord, option: "--categorie")
            let gender: Member.Gender? = try gender.map { try parseTyped($0, option: "--genre") }
            let given = try member.map { try MemberID(hex: $0) }
            let (id, term) = try await CouncilSession.with(device) { session in
                try await session.appoint(given, name: name, category: category, gender: gender, role: role, orderNumber: order, orderDay: orderDay)
            }
            if json { return try printJSON(["member": id.hex, "termEnd": term.iso]) }
            say(.appointed(name, id: id.hex, until: term))
        }

        /// Records the vice-presidency on the member's running mandate (no log record, no new
        /// mandate): refused for someone not sitting in the first circle, or without the
        /// president's proposal (`Register.appointVicePresident`).
        private func appointVicePresident(_ orderDay: Day?) async throws {
            guard let member else {
                throw UsageError(
                    missing: Text(fr: "--membre (l'identifiant du membre en fonction)", en: "--membre (the sitting member's id)"),
                    example: "huisclos membres nommer --role vicePresident --membre <id> --arrete 2026-0150")
            }
            let memberID = try MemberID(hex: member), id = memberID.hex
            try await CouncilSession.with(device) { session in
                let end = try await session.appointVicePresident(memberID, orderNumber: order, orderDay: orderDay)
                if json { return try printJSON(["member": id, "role": "vicePresident"]) }
                say(.vicePresidentAppointed(session.name(id), until: end))
            }
        }
    }

    struct ProposeVicePresident: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "proposer-vp", abstract: "La présidence propose un·e vice-président·e / the president proposes a vice-president.",
            discussion: "Exemple / example : huisclos membres proposer-vp <id>   (identifiant de 32 chiffres hexadécimaux / 32-hex-digit id)")
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String

        func run(on session: CouncilSession) async throws {
            // Only the president proposes: CouncilWriteRules refuses anyone else, in these words.
            try await session.proposeVicePresident(try MemberID(hex: member))
            say(.vicePresidentProposed(session.name(member)))
        }
    }

    struct Composition: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "composition", abstract: "Équilibre et parité du premier cercle / balance and parity.",
            discussion: """
                Exemple / example : huisclos membres composition --json
                En JSON, la dernière ligne {"group": "parity", "percentWomen": N} donne la parité (null si aucun genre déclaré).
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let (listing, womenPercent) = session.compositionListing(in: language)
            try listing.show(json: json)
            if !json, let share = womenPercent {
                say(.parity(share))
            }
        }
    }

    struct EndMandate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fin-mandat", abstract: "Fin de mandat (secrétariat, ou démission par le membre) / ends a mandate.",
            discussion: "Exemple / example : huisclos membres fin-mandat <id> --motif resignation")
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String
        @Option(name: .customLong("motif"), help: "terme ou démission / term or resignation.") var reason: String = "terme"

        func run() async throws {
            let reason = try parseChoice(reason, option: "--motif", MandateEndReason.typed, keywords: MandateEndReason.keywords)
            let id = try MemberID(hex: member)
            try await CouncilSession.with(device) { session in
                try await session.endMandate(id, reason: reason)
                say(.mandateEnded(session.name(member)))
            }
        }
    }

    struct DeclareResigned: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "declarer-demission",
            abstract: "La présidence déclare un membre démissionnaire d'office / the president declares a member resigned ex officio.",
            discussion: """
                Exemple / example : huisclos membres declarer-demission <id>
                Seulement pour un membre figurant au rapport d'absences signé par le secrétariat (huisclos rapport absences --signer). Le mandat prend fin, une nouvelle clé du conseil est émise aussitôt.
                """, aliases: ["déclarer-démission"])
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String

        func run(on session: CouncilSession) async throws {
            let id = try MemberID(hex: member)
            try await session.declareResigned(id)
            say(.declaredResigned(session.name(id.hex)))
        }
    }
}

public import HuisClosL10n

/// The help of `huisclos membres …` in French and English: the CLI shows one language, the app the same words.
public enum MemberHelp {
    public static let order = Text(fr: "Numéro de l'arrêté.", en: "Order number.")
    public static let group = CommandHelp(
        Text(
            fr: "Registre du conseil.",
            en: "The council's register."),
        examples: [
            "huisclos membres liste",
            "huisclos membres nommer --nom \"Alice Martin\" --categorie recherche --genre femme --arrete 2026-0142",
            "huisclos membres nommer --role président --nom \"Nadia Ali\" --categorie partenaires-publics --arrete 2026-0140",
            .init("huisclos membres proposer-vp 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6", note: Text(fr: "la présidente", en: "the president")),
            .init(
                "huisclos membres nommer --role vice-président --membre 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --arrete 2026-0150",
                note: Text(fr: "secrétariat : rôle ajouté au mandat en cours, sans nouveau mandat", en: "secretariat: role on the running mandate, no new mandate")),
            "huisclos membres composition --json",
            .init("huisclos membres importer nominations.csv --essai", note: Text(fr: "colonnes : voir --help", en: "columns: see --help")),
            .init("huisclos membres renouveler 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --arrete 2026-0311", note: Text(fr: "même rôle et profil", en: "same role and profile")),
            .init(
                "huisclos membres historique 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --arrete 2021-0088 --debut 2021-02-01 --fin 2024-02-01",
                note: Text(fr: "mandat antérieur", en: "past mandate")),
            "huisclos membres fin-mandat 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --motif démission",
            .init(
                "huisclos membres declarer-demission 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6",
                note: Text(fr: "la présidente, sur le rapport d'absences", en: "the president, on the absence report")),
        ])

    public enum Import {
        public static let command = CommandHelp(
            Text(
                fr: "Nomme les membres listés dans un fichier CSV (secrétariat).",
                en: "Appoints the members a CSV file lists (secretariat)."),
            details: Text(
                fr: """
                    Colonnes (en-tête obligatoire, séparateur « ; » ou « , ») :
                      nom (obligatoire), categorie (obligatoire : économie, éducation, recherche, partenaires-publics, société-civile),
                      arrete (obligatoire : numéro de l'arrêté), date (JJ/MM/AAAA ou AAAA-MM-JJ, aujourd'hui si vide),
                      genre (femme, homme, autre ou vide), role (membre, président, second-cercle ; membre si vide).
                      Accents facultatifs ; les mots-clés anglais (research, female, member…) restent admis.
                      nom;categorie;arrete;date;genre;role
                      Alice Martin;recherche;2026-0142;2026-01-05;femme;membre
                    Tout le fichier est vérifié avant d'écrire quoi que ce soit : une seule ligne en erreur et rien n'est nommé (sortie 65, chaque ligne fautive dite). --essai vérifie sans rien écrire.
                    """,
                en: """
                    Columns (header required, separator « ; » or « , »):
                      nom (name, required), categorie (required: economic, education, research, publicPartners, civilSociety),
                      arrete (required: the order's number), date (YYYY-MM-DD or DD/MM/YYYY, today when empty),
                      genre (female, male, other or empty), role (member, president, secondCircle; member when empty).
                      The French words are accepted too, accents optional.
                      nom;categorie;arrete;date;genre;role
                      Alice Martin;research;2026-0142;2026-01-05;female;member
                    The whole file is checked before anything is written: one bad line and nobody is appointed (exit 65, each bad line named). --essai checks without writing.
                    """),
            examples: ["huisclos membres importer nominations.csv --essai"])
        public static let file = Text(
            fr: "Fichier CSV.",
            en: "CSV file.")
        public static let namesakes = Text(
            fr:
                "Les lignes au nom d'une ancienne ou d'un ancien membre sont d'autres personnes du même nom (sans cela, refusées : la même personne se renouvelle avec huisclos membres renouveler).",
            en: "Lines naming a former member are other people of the same name (refused otherwise: the same person is renewed with huisclos membres renouveler).")
        public static let dryRun = Text(
            fr: "Vérifie sans rien écrire.",
            en: "Checks without writing anything.")
    }

    public enum History {
        public static let command = CommandHelp(
            Text(
                fr: "Enregistre un mandat antérieur d'un membre (secrétariat).",
                en: "Records a member's past mandate (secretariat)."),
            details: Text(
                fr:
                    "Pour un membre nommé avant que le conseil n'utilise HuisClos : le mandat antérieur compte pour la règle « renouvelable une fois » et ne donne aucun accès. Refusé : un mandat non terminé, de plus de 3 ans, ou qui en chevauche un autre.",
                en:
                    "For a member appointed before the council used HuisClos: the past mandate counts for the \"renewable once\" rule and grants no access. Refused: a mandate not ended, longer than 3 years, or overlapping another."
            ),
            examples: ["huisclos membres historique 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --arrete 2021-0088 --debut 2021-02-01 --fin 2024-02-01"])
        public static let start = Text(
            fr: "Date de l'arrêté, début du mandat (JJ/MM/AAAA ou AAAA-MM-JJ).",
            en: "Date of the order, start of the mandate (YYYY-MM-DD or DD/MM/YYYY).")
        public static let end = Text(
            fr: "Fin du mandat (JJ/MM/AAAA ou AAAA-MM-JJ).",
            en: "End of the mandate (YYYY-MM-DD or DD/MM/YYYY).")
    }

    public enum Renew {
        public static let command = CommandHelp(
            Text(
                fr: "Renouvelle le mandat d'un membre (secrétariat).",
                en: "Renews a member's mandate (secretariat)."),
            details: Text(
                fr:
                    "Même rôle, nom, catégorie et genre ; un mandat en cours prend fin le jour du renouvellement. La présidence en fonction est reconduite ; une présidence passée ne l'est qu'avec --presidence (le conseil n'en a qu'une). Refusé : un troisième mandat (mandat renouvelable une fois, mandats antérieurs compris), un 31e membre ; plus de 6 mois avant la fin du mandat en cours, sans --anticipe. Affiche le terme du nouveau mandat. Les appareils du membre restent valides dans le même rôle ; après un changement de rôle, la commande nomme ceux à remplacer.",
                en:
                    "Same role, name, category and gender; a running mandate ends on the renewal's day. A sitting president stays president; a former one becomes president again only with --presidence (the council has one). Refused: a third mandate (a mandate is renewable once, past mandates included), a 31st member; more than 6 months before the running mandate's end, without --anticipe. Prints the new mandate's term. The member's devices stay valid in the same role; after a change of role, the command names those to replace."
            ),
            examples: ["huisclos membres renouveler 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --arrete 2026-0311 --date 2026-03-02"],
            exitCodes: Text(
                fr: "0 · 64 membre inconnu, renouvellement anticipé sans --anticipe · 65 refusé par les règles · 69 serveur injoignable · 77 réservé au secrétariat.",
                en: "0 · 64 unknown member, early renewal without --anticipe · 65 refused by the rules · 69 server unreachable · 77 secretariat only."))
        public static let order = Text(
            fr: "Numéro de l'arrêté de renouvellement.",
            en: "Renewal order number.")
        public static let date = Text(
            fr: "Date de l'arrêté (JJ/MM/AAAA ou AAAA-MM-JJ, aujourd'hui par défaut).",
            en: "Date of the order (YYYY-MM-DD or DD/MM/YYYY, today by default).")
        public static let early = Text(
            fr: "Confirme un renouvellement plus de 6 mois avant la fin du mandat en cours (qui prend fin aujourd'hui, le reste perdu).",
            en: "Confirms a renewal more than 6 months before the running mandate's end (which ends today, the rest lost).")
        public static let presidency = Text(
            fr: "Renouvelle une présidence passée à la présidence (refusé si une autre présidence est en fonction).",
            en: "Renews a former president as president (refused while another president sits).")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Membres, rôles et mandats.",
                en: "Members, roles and mandates."),
            examples: ["huisclos membres liste --json"])
    }

    public enum Appoint {
        public static let command = CommandHelp(
            Text(
                fr: "Nomme un membre pour 3 ans (secrétariat).",
                en: "Appoints a member for 3 years (secretariat)."),
            details: Text(
                fr: """
                    Refusé : un 31e membre du premier cercle, un troisième mandat, une personne déjà en fonction, un arrêté postdaté. Affiche l'identifiant à remettre au membre pour son enrôlement.
                    Un appareil ne vaut que pour le rôle sous lequel il a été certifié : un renouvellement (--membre) dans un autre rôle demande d'enrôler de nouveaux appareils, après avoir révoqué les anciens (admin revoquer) : sans révocation visible, un nouvel appareil attend l'approbation d'un appareil du membre. Nommer au secrétariat demande l'appareil qui détient la racine de confiance.
                    --role vice-président --membre <id> : la vice-présidence est un rôle sur le mandat en cours d'un membre du premier cercle,
                    après la proposition de la présidence (huisclos membres proposer-vp) ; ni nouveau mandat ni changement de terme ; --nom et --categorie inutiles.
                    """,
                en: """
                    Refused: a 31st first-circle member, a third mandate, a person already in office, a postdated order. Prints the id to hand to the member for their enrolment.
                    A device holds only for the role it was certified under: a renewal (--membre) in another role needs new devices enrolled, after revoking the old ones (admin revoke): without a visible revocation, a new device waits for approval from one of the member's devices. Appointing to the secretariat needs the device that holds the trust root.
                    --role vicePresident --membre <id>: the vice-presidency is a role on the running mandate of a first-circle member,
                    after the president's proposal (huisclos membres proposer-vp); no new mandate, no change of term; --nom and --categorie not needed.
                    """),
            examples: [
                "huisclos membres nommer --nom \"Alice Martin\" --categorie recherche --genre femme --arrete 2026-0142 --date 2026-01-05"
            ])
        public static let role = Text(
            fr: "Rôle : membre (par défaut), président, vice-président, second-cercle, secrétariat.",
            en: "Role: member (the default), president, vicePresident, secondCircle, secretariat.")
        public static let member = Text(
            fr: "Identifiant existant (renouvellement, vice-présidence).",
            en: "Existing member id (renewal, vice-presidency).")
        public static let name = Text(
            fr: "Nom (sauf vice-président).",
            en: "Name (not for a vice-president).")
        public static let namesake = Text(
            fr:
                "Une autre personne porte le nom d'une ancienne ou d'un ancien membre : nommez-la tout de même (sans cela, c'est refusé ; la même personne se renouvelle avec huisclos membres renouveler).",
            en: "Another person bears a former member's name: appoint them all the same (refused otherwise; the same person is renewed with huisclos membres renouveler).")
        public static let category = Text(
            fr: "économie, éducation, recherche, partenaires-publics, société-civile (sauf vice-président).",
            en: "economic, education, research, publicPartners, civilSociety (not for a vice-president).")
        public static let gender = Text(
            fr: "femme, homme, autre (facultatif).",
            en: "female, male, other (optional).")
        public static let date = Text(
            fr: "Date de l'arrêté, début du mandat (JJ/MM/AAAA ou AAAA-MM-JJ, aujourd'hui par défaut).",
            en: "Date of the order, start of the mandate (YYYY-MM-DD or DD/MM/YYYY, today by default).")
    }

    public enum ProposeVicePresident {
        public static let command = CommandHelp(
            Text(
                fr: "La présidence propose un·e vice-président·e.",
                en: "The president proposes a vice-president."),
            examples: [
                .init("huisclos membres proposer-vp 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6", note: Text(fr: "identifiant de 32 chiffres hexadécimaux", en: "32-hex-digit id"))
            ])
    }

    public enum Composition {
        public static let command = CommandHelp(
            Text(
                fr: "Équilibre et parité du premier cercle.",
                en: "Balance and parity of the first circle."),
            details: Text(
                fr: "En JSON, la dernière ligne {\"group\": \"parity\", \"percentWomen\": N} donne la parité (null si aucun genre déclaré).",
                en: "In JSON, the last line {\"group\": \"parity\", \"percentWomen\": N} gives parity (null when no gender is declared)."),
            examples: ["huisclos membres composition --json"])
    }

    public enum EndMandate {
        public static let command = CommandHelp(
            Text(
                fr: "Fin de mandat (secrétariat, ou démission par le membre).",
                en: "Ends a mandate (secretariat, or resignation by the member)."),
            examples: ["huisclos membres fin-mandat 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --motif démission"])
        public static let reason = Text(
            fr: "Obligatoire : terme (mandat arrivé à son terme, ou terminé par arrêté) ou démission. La fin prend effet aujourd'hui et ne s'annule pas.",
            en: "Required: term (the mandate reached its term, or was ended by an order) or resignation. The end takes effect today and cannot be undone.")
    }

    public enum DeclareResigned {
        public static let command = CommandHelp(
            Text(
                fr: "La présidence déclare un membre démissionnaire d'office.",
                en: "The president declares a member resigned ex officio."),
            details: Text(
                fr:
                    "Seulement pour un membre figurant au rapport d'absences signé par le secrétariat (huisclos rapport absences --signer). Le mandat prend fin, une nouvelle clé du conseil est émise aussitôt.",
                en:
                    "Only for a member named in the absence report the secretariat signed (huisclos rapport absences --signer). The mandate ends; a new council key is issued at once."
            ),
            examples: ["huisclos membres declarer-demission 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6"])
    }

    public enum Email {
        public static let command = CommandHelp(
            Text(
                fr: "L'adresse où envoyer les avis d'un membre (secrétariat).",
                en: "Where a member's notices go (secretariat)."),
            details: Text(
                fr: "Gardée chiffrée dans les registres du conseil, jamais vue du serveur relais.",
                en: "Kept encrypted in the council's records, never seen by the relay."),
            examples: [
                "huisclos membres courriel 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 alice@example.org",
                "huisclos membres courriel 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --retirer",
            ])
        public static let member = Text(
            fr: "Identifiant du membre (huisclos membres liste).",
            en: "Member id (huisclos membres liste).")
        public static let address = Text(
            fr: "Adresse.",
            en: "Address.")
        public static let remove = Text(
            fr: "Retirer l'adresse.",
            en: "Remove the address.")
    }
}

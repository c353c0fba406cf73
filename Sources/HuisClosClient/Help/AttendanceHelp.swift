public import HuisClosL10n

/// The help of `huisclos presence …` in French and English: the CLI shows one language, the app the same words.
public enum AttendanceHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Réponses, présences et quorum.",
            en: "Answers, attendance and quorum."),
        details: Text(
            fr: "Les procurations n'existent pas : --procuration est refusé en citant la règle.",
            en: "There are no proxies: --procuration is refused, quoting the rule."),
        examples: [
            .init("huisclos presence repondre s1 --reponse viendra", note: Text(fr: "viendra, excuse, absent", en: "viendra, excuse, absent")),
            .init("huisclos presence excuser s1 <id membre>", note: Text(fr: "secrétariat : une excuse reçue par téléphone", en: "secretariat: an excuse received by phone")),
            .init("huisclos presence pointer s1 <id membre>", note: Text(fr: "secrétariat", en: "secretariat")),
            .init("huisclos presence clore s1", note: Text(fr: "secrétariat : affiche le quorum", en: "secretariat: shows the quorum")),
            .init("huisclos presence liste s1 --json", note: Text(fr: "réponses et présences", en: "answers and attendance")),
        ])

    public enum Respond {
        public static let command = CommandHelp(
            Text(
                fr: "Répond à la convocation, même hors ligne.",
                en: "Answers the convocation, even offline."),
            examples: ["huisclos presence repondre s2 --reponse excuse"])
        public static let response = Text(
            fr: "viendra, excusé, absent.",
            en: "viendra (will attend), excuse (excused), absent.")
        public static let proxy = Text(
            fr: "Refusé : les membres siègent en personne.",
            en: "Refused: members sit in person.")
    }

    public enum Excuse {
        public static let command = CommandHelp(
            Text(
                fr: "Le secrétariat enregistre l'excuse qu'un membre lui a donnée (téléphone, courrier).",
                en: "The secretariat records the excuse a member gave it (phone, letter)."),
            details: Text(
                fr:
                    "La réponse du membre devient « excusé·e », marquée « reçue par le secrétariat » dans huisclos presence liste ; une réponse que le membre envoie ensuite de son appareil la remplace. Le secrétariat n'enregistre qu'une excuse : chacun répond pour soi, sans procuration. Possible tant que la feuille de présence n'est pas close.",
                en:
                    "The member's answer becomes « excused », marked « received by the secretariat » in huisclos presence liste; an answer the member later sends from their device replaces it. The secretariat records nothing but an excuse: each member answers for themselves, without proxy. Possible while the attendance sheet is open."
            ),
            examples: [
                "huisclos presence excuser s2 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6"
            ])
        public static let json = Text(
            fr: "Sortie JSON : seance, excused (identifiants excusés).",
            en: "JSON output: seance, excused (ids excused).")
    }

    public enum Mark {
        public static let command = CommandHelp(
            Text(
                fr: "Le secrétariat pointe un membre présent.",
                en: "The secretariat records a member present."),
            details: Text(
                fr: "Un pointage fait par erreur se retire avec --retirer tant que la feuille n'est pas close.",
                en: "A member pointed by mistake is withdrawn with --retirer while the sheet is open."),
            examples: [
                "huisclos presence pointer s2 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 e4b8a2c6d0f14e9a8b7c5d3e1f2a4b6c",
                "huisclos presence pointer s2 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --retirer",
            ])
        public static let remove = Text(
            fr: "Retire le pointage de ces membres (une erreur), tant que la feuille n'est pas close.",
            en: "Withdraws these members' presence (a mistake), while the sheet is open.")
        public static let json = Text(
            fr: "Sortie JSON : seance, present (identifiants pointés) ou withdrawn (retirés).",
            en: "JSON output: seance, present (ids pointed) or withdrawn (ids withdrawn).")
    }

    public enum Close {
        public static let command = CommandHelp(
            Text(
                fr: "Le secrétariat clôt la présence et affiche le quorum.",
                en: "The secretariat closes attendance and shows the quorum."),
            details: Text(
                fr: "Une feuille close ne change plus : si personne n'est pointé présent, la clôture est refusée (sortie 64) sauf avec --aucun-present.",
                en: "A closed sheet no longer changes: with nobody marked present, closing is refused (exit 64) unless --aucun-present is given."),
            examples: ["huisclos presence clore s2 --json"])
        public static let nobodyCame = Text(
            fr: "Clôt une feuille où personne n'est pointé présent (personne n'est venu).",
            en: "Closes a sheet where nobody is marked present (nobody came).")
    }

    public enum Roll {
        public static let command = CommandHelp(
            Text(
                fr: "Réponses et présences d'une séance.",
                en: "A séance's answers and attendance."),
            details: Text(
                fr: """
                    Valeurs du JSON (--json, pour les scripts) : réponse willAttend (viendra), excused (excusé·e), absent, none (pas de réponse) ; présence present, excused, absent (une fois close), sinon present ou null.
                    """,
                en: """
                    JSON values (--json, for scripts): answer willAttend, excused, absent, none (no answer); attendance present, excused, absent (once closed), else present or null.
                    """),
            examples: ["huisclos presence liste s1 --json"])
    }
}

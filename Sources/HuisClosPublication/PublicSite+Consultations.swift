import HuisClosL10n

extension PublicSite {
    /// What a visitor typed, given back on the form after a refusal so nothing is lost.
    public struct ContributionDraft: Sendable, Equatable {
        public var text: String
        public var name: String
        public var email: String

        public init(text: String = "", name: String = "", email: String = "") {
            self.text = text
            self.name = name
            self.email = email
        }
    }

    /// The folder of the consultations' pages, under the site's root.
    public static let consultationsFolder = "consultations"

    /// The public consultations open at `now`, for the index.
    public func openConsultations(at now: Int64) -> [Consultation] {
        catalog.consultations.filter { $0.audience == .public && $0.isOpen(at: now) }
    }

    /// The index's section listing the open public consultations (empty when there is none).
    func consultationsSection(at now: Int64?) -> String {
        guard let now else { return "" }
        let open = openConsultations(at: now)
        guard !open.isEmpty else { return "" }
        let items = open.map { consultation in
            "<li><a href=\"\(Self.consultationsFolder)/\(consultation.id).html\">\(Escaping.html(consultation.topic))</a> "
                + "(jusqu'au \(Escaping.html(LocalTime.text(unixSeconds: consultation.closesAt, in: .french))))</li>"
        }.joined(separator: "\n")
        return "<h2>Consultations ouvertes</h2>\n<ul>\n\(items)\n</ul>\n"
    }

    /// The form of consultation `id` with `challenge` (`ContributionPuzzle`); nil unless it is a
    /// public consultation open at `now`. After a refusal, `refusal` is announced at the top
    /// (`role="alert"`) and `draft` fills the fields again.
    public func consultationPage(_ id: String, challenge: String, now: Int64, draft: ContributionDraft = ContributionDraft(),
                                 refusal: ContributionRefusal? = nil) -> String? {
        guard let consultation = catalog.consultation(id), consultation.audience == .public, consultation.isOpen(at: now) else { return nil }
        let closing = Escaping.html(LocalTime.text(unixSeconds: consultation.closesAt, in: .french))
        let errorBlock = refusal.map { refusal in
            """
            <div class="erreur" role="alert" id="erreur">
            <h2>Votre contribution n'a pas été envoyée</h2>
            <p>\(Escaping.html(refusal.text.french))</p>
            <p lang="en">\(Escaping.html(refusal.text.english))</p>
            </div>

            """
        } ?? ""
        let invalidText = refusal.map { [.textMissing, .tooLong].contains($0.code) } ?? false
        let invalidEmail = refusal?.code == .emailInvalid
        let body = """
            <p><a href="../\(PublicPage.index)">Retour à l'accueil</a></p>
            <h1>Consultation : \(Escaping.html(consultation.topic))</h1>
            \(errorBlock)<p class="question">\(Escaping.html(consultation.question))</p>
            <p>Contributions reçues jusqu'au \(closing) (heure de Paris).</p>
            <form class="contribution" method="post" action="\(consultation.id)">
            <p>Le champ marqué « obligatoire » doit être rempli ; les autres sont facultatifs.</p>
            <p><label for="contribution">Votre contribution (obligatoire, \(ContributionLimits.textCharactersMax) caractères au plus)</label><br>
            <textarea id="contribution" name="contribution" rows="12" cols="60" required\
            \(invalidText ? " aria-invalid=\"true\" aria-describedby=\"erreur\"" : "")>\(Escaping.html(draft.text))</textarea></p>
            <p><label for="nom">Votre nom (facultatif)</label><br>
            <input id="nom" name="nom" type="text" autocomplete="name" maxlength="\(ContributionLimits.nameCharactersMax)" value="\(Escaping.html(draft.name))"></p>
            <p><label for="courriel">Votre adresse électronique (facultatif, exemple : prenom.nom@exemple.fr)</label><br>
            <input id="courriel" name="courriel" type="email" autocomplete="email" maxlength="\(ContributionLimits.emailCharactersMax)"\
            \(invalidEmail ? " aria-invalid=\"true\" aria-describedby=\"erreur\"" : "") value="\(Escaping.html(draft.email))"></p>
            <p>Votre contribution, votre nom et votre adresse sont chiffrés dès leur arrivée sur le serveur : seuls les membres \
            du conseil peuvent les lire, et rien n'est publié sans décision du conseil. Aucun cookie, aucun service tiers.</p>
            <input type="hidden" name="defi" value="\(Escaping.html(challenge))">
            <input type="hidden" name="preuve" value="">
            <noscript><p>Votre navigateur n'exécute pas JavaScript : pour la vérification anti-abus, attendez une minute \
            après l'ouverture de cette page avant d'envoyer.</p></noscript>
            <p class="etat" aria-live="polite"></p>
            <p><button type="submit">Envoyer ma contribution</button></p>
            </form>
            <script>\(Self.puzzleScript)</script>
            """
        return document(title: "Consultation : \(consultation.topic) — \(publisher.name)", body: body, depth: 1,
                        canonical: url("\(Self.consultationsFolder)/\(consultation.id).html"))
    }

    /// The page thanking a visitor whose contribution was received (sealed and stored).
    public func contributionReceivedPage(_ id: String) -> String {
        let topic = catalog.consultation(id)?.topic ?? id
        let body = """
            <p><a href="../\(PublicPage.index)">Retour à l'accueil</a></p>
            <h1>Contribution reçue</h1>
            <p role="status">Merci : votre contribution à la consultation « \(Escaping.html(topic)) » a été reçue. \
            Elle a été chiffrée dès son arrivée ; seuls les membres du conseil la liront.</p>
            """
        return document(title: "Contribution reçue — \(publisher.name)", body: body, depth: 1, canonical: nil)
    }

    /// The page's puzzle solver (`ContributionPuzzle`): on sending, finds the proof with the
    /// browser's SHA-256, then sends. Without it (no script, no `crypto.subtle`), the form is sent
    /// as is and the no-script wait applies.
    static var puzzleScript: String {
        let zeroBytes = ContributionPuzzle.difficultyBits / 8
        let test = (0..<zeroBytes).map { "h[\($0)]===0" }.joined(separator: "&&")
        return """
            document.querySelector('form.contribution').addEventListener('submit',async function(e){\
            var f=this,p=f.elements.preuve;if(p.value||!window.crypto||!crypto.subtle)return;e.preventDefault();\
            f.querySelector('.etat').textContent='Vérification anti-abus en cours…';\
            var c=f.elements.defi.value,t=new TextEncoder();\
            for(var n=0;;n++){var h=new Uint8Array(await crypto.subtle.digest('SHA-256',t.encode(c+':'+n)));\
            if(\(test)){p.value=String(n);break}}f.submit()});
            """
    }
}

import HuisClosPublication
import Mustache

/// The app's Mustache templates, compiled into the binary: `{{…}}` escapes everything it prints;
/// `{{{content}}}` (the layout's page) and `{{{html}}}` (a dossier's text from `SafeMarkdown`)
/// are the only unescaped values, both built from escaped text.
enum AppTemplates {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{kind}} — HuisClos</title>
        {{#styled}}<link rel="stylesheet" href="/app.css">{{/styled}}
        </head>
        <body>
        <a class="skip" href="#contenu">{{w.skip}}</a>
        <header>
        <p class="brand">HuisClos</p>
        {{^empty(nav)}}<nav aria-label="{{w.navigation}}"><ul>{{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}</ul></nav>
        <form class="search" role="search" method="post" action="/recherche"><input type="hidden" name="csrf" value="{{csrf}}"><label for="recherche" class="visually-hidden">{{w.searchLabel}}</label><input type="search" id="recherche" name="q" value="{{query}}"><button type="submit">{{w.searchButton}}</button></form>{{/empty(nav)}}
        <p class="language"><a href="{{otherLanguageHref}}" lang="{{otherLanguage}}" hreflang="{{otherLanguage}}">{{otherLanguageName}}</a></p>
        {{#lockable}}<form class="lock" method="post" action="/verrouiller"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{w.lock}}</button></form>{{/lockable}}
        </header>
        <main id="contenu">
        <h1>{{title}}</h1>
        {{#notices}}<p class="notice">{{.}}</p>{{/notices}}
        {{#problems}}<p class="problem" role="alert">{{.}}</p>{{/problems}}
        {{{content}}}
        </main>
        <footer><p>{{w.neverAsksPassphrase}}</p></footer>
        </body>
        </html>
        """

    static let home = """
        <section aria-labelledby="etat">
        <h2 id="etat">{{w.syncState}}</h2>
        <ul>{{#status}}<li>{{.}}</li>{{/status}}</ul>
        {{^empty(syncReport)}}<h3>{{w.lastSyncReport}}</h3><ul>{{#syncReport}}<li>{{.}}</li>{{/syncReport}}</ul>{{/empty(syncReport)}}
        <form method="post" action="/synchroniser"><input type="hidden" name="csrf" value="{{csrf}}"><button type="submit">{{w.syncNow}}</button></form>
        </section>
        <section aria-labelledby="nouveau">
        <h2 id="nouveau">{{w.whatsNew}}</h2>
        {{^empty(newVersions)}}<ul>{{#newVersions}}<li><a href="{{href}}">{{title}}</a> — {{w.version}} {{version}} ({{fileName}})</li>{{/newVersions}}</ul>{{/empty(newVersions)}}
        {{^newVersions}}<p>{{w.nothingNew}}</p>{{/newVersions}}
        </section>
        <section aria-labelledby="prochaines">
        <h2 id="prochaines">{{w.comingSeances}}</h2>
        {{^empty(seances)}}<ul>{{#seances}}<li><a href="{{href}}">{{id}}</a> — {{when}}, {{place}} — {{answer}}</li>{{/seances}}</ul>{{/empty(seances)}}
        {{^seances}}<p>{{w.noComingSeance}}</p>{{/seances}}
        </section>
        """

    static let seances = """
        {{^empty(rows)}}<table>
        <caption>{{w.seancesCaption}}</caption>
        <thead><tr><th scope="col">{{w.seance}}</th><th scope="col">{{w.date}}</th><th scope="col">{{w.place}}</th><th scope="col">{{w.items}}</th><th scope="col">{{w.state}}</th><th scope="col">{{w.myAnswer}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td><a href="{{href}}">{{id}}</a></td><td>{{when}}</td><td>{{place}}</td><td>{{items}}</td><td>{{state}}</td><td>{{answer}}</td></tr>{{/rows}}</tbody>
        </table>{{/empty(rows)}}
        {{^rows}}<p>{{w.noSeance}}</p>{{/rows}}
        """

    static let seance = """
        <dl class="facts"><dt>{{w.date}}</dt><dd>{{when}}</dd><dt>{{w.place}}</dt><dd>{{place}}</dd></dl>
        {{#cancelled}}<p class="problem">{{w.cancelled}}</p>{{/cancelled}}
        {{#urgent}}<p class="notice">{{w.urgent}}</p>{{/urgent}}
        {{^awaitsReading}}<p class="hint">{{w.readingAcknowledged}}</p>{{/awaitsReading}}
        {{#awaitsReading}}<form method="post" action="{{readingAction}}"><input type="hidden" name="csrf" value="{{csrf}}">
        <p class="hint">{{w.readingNotAcknowledged}}</p><button type="submit">{{w.acknowledgeReading}}</button></form>{{/awaitsReading}}
        <h2>{{w.agenda}}</h2>
        {{^empty(agenda)}}<ol class="agenda">{{#agenda}}<li><p>{{title}}</p>{{^empty(dossiers)}}<ul>{{#dossiers}}<li><a href="{{href}}">{{label}}</a></li>{{/dossiers}}</ul>{{/empty(dossiers)}}</li>{{/agenda}}</ol>{{/empty(agenda)}}
        {{^agenda}}<p>{{w.noAgenda}}</p>{{/agenda}}
        {{^cancelled}}<h2 id="reponse">{{w.yourAnswer}}</h2>
        <p>{{currentAnswer}}</p>
        <form method="post" action="{{answerAction}}">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <fieldset><legend>{{w.answerLegend}}</legend>
        {{#answers}}<p><input type="radio" name="reponse" id="reponse-{{value}}" value="{{value}}"{{#checked}} checked{{/checked}} required> <label for="reponse-{{value}}">{{label}}</label></p>{{/answers}}
        </fieldset>
        <p class="hint">{{w.noProxy}}</p>
        <button type="submit">{{w.send}}</button>
        </form>{{/cancelled}}
        """

    static let dossiers = """
        {{^empty(rows)}}<table>
        <caption>{{w.dossiersCaption}}</caption>
        <thead><tr><th scope="col">{{w.title}}</th><th scope="col">{{w.version}}</th><th scope="col">{{w.file}}</th><th scope="col">{{w.size}}</th><th scope="col">{{w.scope}}</th><th scope="col">{{w.news}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td><a href="{{href}}">{{title}}</a></td><td>{{version}}</td><td>{{fileName}}</td><td>{{size}}</td><td>{{scope}}</td><td>{{#new}}{{w.new}}{{/new}}</td></tr>{{/rows}}</tbody>
        </table>{{/empty(rows)}}
        {{^rows}}<p>{{w.noDossier}}</p>{{/rows}}
        """

    static let dossier = """
        <dl class="facts"><dt>{{w.version}}</dt><dd>{{version}}</dd><dt>{{w.file}}</dt><dd>{{fileName}}</dd><dt>{{w.type}}</dt><dd>{{mediaType}}</dd><dt>{{w.size}}</dt><dd>{{size}}</dd></dl>
        {{^empty(versions)}}<nav aria-label="{{w.versions}}"><ul class="versions">{{#versions}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{w.version}} {{number}}</a></li>{{/versions}}</ul></nav>{{/empty(versions)}}
        {{#readable}}<article class="reading">{{{html}}}</article>{{/readable}}
        {{#shownElsewhere}}<p>{{w.notShown}}</p>{{/shownElsewhere}}
        {{#pdf}}<section class="pdf" id="lecteur-pdf" aria-labelledby="pdf-titre" data-src="{{source}}" data-worker="{{worker}}" data-watermark="{{watermark}}" data-page-label="{{w.pdfPageLabel}}" data-failed="{{w.pdfFailed}}">
        <h2 id="pdf-titre">{{w.pdfReading}}</h2>
        <p class="hint">{{w.pdfWatermarked}} {{watermark}}</p>
        {{#installed}}<p id="pdf-sans-script">{{w.pdfNeedsScript}}</p>
        <div class="pdf-commandes" id="pdf-commandes" hidden><button type="button" id="pdf-precedente">{{w.previousPage}}</button>
        <p id="pdf-etat" aria-live="polite"></p><button type="button" id="pdf-suivante">{{w.nextPage}}</button></div>
        <canvas id="pdf-page" role="img" aria-label="{{w.pdfReading}}" hidden></canvas>
        <script src="{{script}}" defer></script><script src="{{reader}}" defer></script>{{/installed}}
        {{^installed}}<p>{{w.pdfReaderMissing}}</p>{{/installed}}
        </section>{{/pdf}}
        <h2>{{w.download}}</h2>
        <p class="warning">{{plaintextWarning}}</p>
        <p><a href="{{downloadHref}}">{{w.downloadLink}} {{fileName}}</a></p>
        <h2 id="notes">{{w.notes}}</h2>
        {{^empty(notes)}}<ul class="notes">{{#notes}}<li><p class="hint">{{location}} — {{scope}} — {{w.version}} {{version}}{{#earlier}} <strong>({{earlier}})</strong>{{/earlier}}</p><p>{{text}}</p></li>{{/notes}}</ul>{{/empty(notes)}}
        {{^notes}}<p>{{w.noNote}}</p>{{/notes}}
        <form method="post" action="{{noteAction}}">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
        <p><label for="note-emplacement">{{w.noteLocation}}</label> <input type="text" id="note-emplacement" name="emplacement" maxlength="200"></p>
        <p><label for="note-texte">{{w.noteText}}</label><br><textarea id="note-texte" name="texte" rows="3" cols="60" required maxlength="4000"></textarea></p>
        <p><label for="note-partage">{{w.noteShare}}</label> <select id="note-partage" name="partage">{{#noteScopes}}<option value="{{value}}">{{label}}</option>{{/noteScopes}}</select></p>
        <button type="submit">{{w.addNote}}</button>
        </form>
        """

    static let search = """
        {{#searched}}<p role="status">{{count}}</p>{{/searched}}
        {{^empty(hits)}}<ol class="hits">{{#hits}}<li><a href="{{href}}">{{title}}</a> — {{w.version}} {{version}} ({{scope}})<p class="snippet">{{snippet}}</p></li>{{/hits}}</ol>{{/empty(hits)}}
        <p class="hint">{{w.searchHint}}</p>
        """

    static let devices = """
        <table>
        <caption>{{w.devicesCaption}}</caption>
        <thead><tr>{{#headers}}<th scope="col">{{.}}</th>{{/headers}}<th scope="col">{{w.approve}}</th></tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}<td>{{#awaiting}}<form method="post" action="{{action}}"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="attendue" value="{{fingerprint}}"><label for="empreinte-{{fingerprint}}">{{w.typedFingerprint}}</label> <input id="empreinte-{{fingerprint}}" name="empreinte" type="text" required autocomplete="off" spellcheck="false" size="24" placeholder="0000-0000-0000-0000-0000"> <button type="submit" aria-label="{{w.approveDevice}} {{fingerprint}}">{{w.approve}}</button></form>{{/awaiting}}</td></tr>{{/rows}}</tbody>
        </table>
        <p class="hint">{{w.devicesHint}}</p>
        """

    static let locked = """
        <p>{{w.lockedExplain}}</p>
        <p>{{w.lockedRestart}}</p>
        """

    static let wiped = """
        <p role="alert">{{message}}</p>
        <p>{{w.wipedStopped}}</p>
        """

    static let failure = """
        <p>{{message}}</p>
        {{#home}}<p><a href="/">{{w.backHome}}</a></p>{{/home}}
        """

    /// Every template, by name.
    static func library() throws -> MustacheLibrary {
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        let named = ["layout": layout, "home": home, "seances": seances, "seance": seance, "dossiers": dossiers,
                     "dossier": dossier, "search": search, "devices": devices, "locked": locked, "wiped": wiped, "failure": failure]
        for (name, text) in named { try library.register("{{%CONTENT_TYPE:\(EscapedHTML.name)}}" + text, named: name) }
        return library
    }

    /// What `{{…}}` prints through: the publication's HTML escaping. swift-mustache's own compares
    /// `Character`s, which a code point joining the next (U+0600 before `<`) gets past.
    struct EscapedHTML: MustacheContentType {
        static let name = "HUISCLOS_HTML"
        func escapeText(_ text: String) -> String { Escaping.html(text) }
    }

    /// The style sheet (`/app.css`): system fonts, contrast above WCAG AA, visible focus.
    static let styleSheet = """
        :root { color-scheme: light; --ink: #1b1b1b; --muted: #3a3a3a; --accent: #000091; --line: #cfcfcf; --paper: #ffffff; --soft: #f3f3f8; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 1rem/1.5 system-ui, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--paper); }
        .skip { position: absolute; left: -999px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        .search { display: flex; gap: .5rem; margin: 0; }
        .search input { font: inherit; padding: .3rem .5rem; border: 1px solid var(--muted); border-radius: 3px; min-width: 12rem; }
        .hits li { margin-bottom: 1rem; }
        .snippet { margin: .25rem 0 0; color: var(--muted); }
        .notes { padding-left: 1.25rem; }
        .notes p { margin: .25rem 0; }
        textarea, select, input[type="text"] { font: inherit; padding: .3rem .5rem; border: 1px solid var(--muted); border-radius: 3px; max-width: 100%; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; }
        header { display: flex; flex-wrap: wrap; align-items: center; gap: 1rem; padding: .75rem 1.5rem; border-bottom: 3px solid var(--accent); }
        .brand { font-weight: 700; font-size: 1.25rem; margin: 0; color: var(--accent); }
        nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; flex-wrap: wrap; }
        a { color: var(--accent); }
        a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
        .language { margin: 0 0 0 auto; }
        .lock { margin: 0; }
        main { max-width: 60rem; padding: 1rem 1.5rem 3rem; }
        footer { max-width: 60rem; margin: 0 1.5rem 2rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted); }
        h1 { font-size: 1.75rem; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; font-weight: 700; padding: .5rem 0; }
        th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
        .facts dt { font-weight: 700; }
        .facts dd { margin: 0; }
        .hint { color: var(--muted); }
        .notice { background: var(--soft); border-left: 4px solid var(--accent); padding: .5rem .75rem; }
        .problem, .warning { background: #fff4f2; border-left: 4px solid #b34000; padding: .5rem .75rem; color: #5c1a00; }
        .reading { border: 1px solid var(--line); padding: 1rem 1.5rem; background: var(--soft); }
        .plain { white-space: pre-wrap; font: inherit; margin: 0; }
        .pdf-commandes { display: flex; align-items: center; gap: 1rem; }
        .pdf-commandes[hidden] { display: none; }
        .pdf-commandes button:disabled { background: var(--muted); cursor: default; }
        #pdf-page { max-width: 100%; border: 1px solid var(--line); }
        .versions { list-style: none; display: flex; gap: .75rem; padding: 0; }
        fieldset { border: 1px solid var(--line); }
        button { font: inherit; padding: .4rem 1rem; background: var(--accent); color: #ffffff; border: 0; border-radius: 3px; cursor: pointer; }
        :focus-visible { outline: 3px solid #ff9940; outline-offset: 2px; }
        """
}

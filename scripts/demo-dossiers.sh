# Suite de scripts/demo.sh (issue 7), lue par `source` : mêmes fonctions (hc, say, step, indent, sync_all),
# même serveur. Dossiers, groupe de travail, audition, saisine, avis, programme, page publique, consultation
# et sa synthèse (adoptée à une séance tenue après la clôture, publiée avec ses comptes), rapport annuel.

sortie="$PWD/demo-sortie"
rm -rf "$sortie"
mkdir -p "$sortie/public/textes" "$sortie/public/proces-verbaux" "$sortie/rapport"
marqueur="CONFIDENTIEL-HC-7F3A"   # ne doit jamais apparaître en public ni en clair sur le serveur
sync_some() { for who in "$@"; do hc "$who" sync >/dev/null; done; }
count() { "$@" --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))'; }

say "Le secrétariat joint le vrai dossier « Budget du numérique 2026 » au point budget de la séance s1"
printf 'Budget du numérique 2026\n\nProjet de répartition : 40 %% écoles connectées, 35 %% inclusion, 25 %% données ouvertes.\nNote interne %s : montants non arbitrés.\n' \
    "$marqueur" >"$work/budget-2026.txt"
hc secretariat dossiers ajouter --id dossier-budget-2026 --titre "Budget du numérique 2026" --rattache-a agenda:s1/budget "$work/budget-2026.txt" | indent
sync_some alice bruno
step "Alice retrouve le dossier au point budget de l'ordre du jour, le voit comme nouveau, puis le lit"
step "(sa synchronisation a gardé le contenu chiffré sur l'appareil, lisible hors ligne ; déchiffré en mémoire et affiché, rien d'écrit en clair) :"
hc alice seances voir s1 | indent
hc alice dossiers liste | indent
hc alice dossiers lire dossier-budget-2026 | indent
step "Bruno le lit aussi, puis le retrouve par la recherche plein texte de son appareil :"
hc bruno dossiers lire dossier-budget-2026 >/dev/null
hc bruno dossiers chercher "inclusion" | indent

say "La présidente crée le groupe de travail « mobilite » : Alice, et Sami comme membre supplémentaire"
hc presidente groupes creer mobilite --membres "${ids[alice]}" --supplementaires "${ids[sami]}" | indent
printf 'Étude mobilité douce\n\n%s : tracés envisagés, non publiés.\n' "$marqueur" >"$work/etude-mobilite.txt"
hc presidente dossiers ajouter --portee group:mobilite --id etude-mobilite --titre "Étude mobilité douce" "$work/etude-mobilite.txt" | indent
sync_some alice sami bruno secretariat
hc presidente groupes liste | indent
step "Sami (membre supplémentaire) lit le dossier du groupe :"
hc sami dossiers lire etude-mobilite --portee group:mobilite | indent
for who in bruno secretariat; do
    n="$(count hc "$who" dossiers liste --portee group:mobilite)"
    step "$([ "$who" = bruno ] && echo Bruno || echo "Le secrétariat"), hors du groupe, a reçu $n dossier(s) du groupe."
    if [ "$n" -ne 0 ]; then echo "$who a reçu un dossier du groupe" >&2; exit 1; fi
done
step "Bruno essaie de le lire quand même :"
set +e
hc bruno dossiers lire etude-mobilite --portee group:mobilite 2>&1 | indent
status=${PIPESTATUS[0]}
set -e
if [ "$status" -eq 0 ]; then echo "Bruno lit le dossier du groupe" >&2; exit 1; fi

say "Le président du Département saisit le conseil"
hc secretariat saisines recevoir sa-2026-1 --objet "Inclusion numérique des seniors" --origine president --date 2026-04-02 | indent

say "Audition : le secrétariat ouvre l'audition de Dr Léa Roux, avec le seul dossier budget, pour 40 secondes"
expiry_epoch=$(( $(date +%s) + 40 ))
expiry="$(date -u -d "@$expiry_epoch" +%Y-%m-%dT%H:%M:%SZ)"
opened="$(hc secretariat auditions ouvrir h-2026-1 --invite "Dr Léa Roux, sociologue" --dossier dossier-budget-2026 --jusqu-au "$expiry" --json)"
guest="$(echo "$opened" | json member)"
step "Invitée nommée ($guest), accès en lecture à hearing:h-2026-1 jusqu'à $expiry, code d'enrôlement remis."
card="$("$bin/huisclos" enrol --device "$work/invitee" --server "$url" --code "$(echo "$opened" | json code)" \
        --root "$(echo "$opened" | json root)" --member "$guest" --charter "$work/charte.txt" --json)"
hc secretariat admin certify --member "$guest" --signing "$(echo "$card" | json signingKey)" \
    --agreement "$(echo "$card" | json agreementKey)" --check "$(echo "$card" | json check)" >/dev/null
for who in invitee secretariat invitee; do hc "$who" sync >/dev/null; done
step "L'appareil de l'invitée est enrôlé et certifié ; elle lit le dossier de l'audition :"
hc invitee dossiers lire dossier-budget-2026 --portee hearing:h-2026-1 | indent
n="$(count hc invitee dossiers liste)"
step "…et rien du conseil : $n dossier(s) du conseil sur son appareil."
if [ "$n" -ne 0 ]; then echo "l'invitée voit les dossiers du conseil" >&2; exit 1; fi
hc secretariat auditions liste | indent

say "Pendant l'audition, Alice et Bruno rédigent l'avis qui répondra à la saisine"
hc alice avis creer avis-2026-1 --titre "Avis sur l'inclusion numérique des seniors" --saisine sa-2026-1 | indent
hc alice avis ecrire avis-2026-1 --paragraphe p1 "Le conseil recommande un accompagnement de proximité dans chaque médiathèque." | indent
hc alice avis ecrire avis-2026-1 --paragraphe p2 "Le conseil recommande des permanences numériques." | indent
sync_some alice bruno
step "Chacun modifie le paragraphe p2 de son côté, sans voir l'autre :"
hc alice avis ecrire avis-2026-1 --paragraphe p2 "Le conseil recommande des permanences numériques hebdomadaires ($marqueur : version de travail)." | indent
hc bruno avis ecrire avis-2026-1 --paragraphe p2 "Le conseil recommande des permanences numériques dans les centres sociaux." | indent
sync_some alice bruno alice
step "Après synchronisation, le conflit est montré, pas caché :"
hc alice avis voir avis-2026-1 | indent
say "L'audition arrive à échéance ($expiry)"
wait_s=$(( expiry_epoch - $(date +%s) + 1 ))
if [ "$wait_s" -gt 0 ]; then step "(attente de $wait_s s)"; sleep "$wait_s"; fi
set +e
hc invitee dossiers lire dossier-budget-2026 --portee hearing:h-2026-1 >"$work/invitee.out" 2>&1
status=$?
set -e
step "L'invitée ne peut plus lire le dossier (code $status) :"
indent <"$work/invitee.out"
if [ "$status" -eq 0 ]; then echo "l'invitée lit encore le dossier après l'échéance" >&2; exit 1; fi
step "La synchronisation suivante du secrétariat clôt l'audition (nouvelle clé, effacement ordonné) :"
hc secretariat sync | indent
set +e
hc invitee sync >"$work/invitee.out" 2>&1
status=$?
set -e
indent <"$work/invitee.out"
if [ -d "$work/invitee" ]; then echo "l'appareil de l'invitée n'a pas été effacé" >&2; exit 1; fi
step "L'appareil de l'invitée a reçu l'ordre signé et s'est effacé (code $status)."
hc secretariat auditions liste | indent

say "La présidente rédige le programme de travail 2027"
hc presidente avis creer programme-2027 --nature programme --titre "Programme de travail 2027" | indent
hc presidente avis ecrire programme-2027 --paragraphe p1 "Inclusion numérique, mobilité douce, données ouvertes du Département." | indent

say "Séance s4 (12/05/2026) : le secrétariat pointe les présents et clôt la présence"
step "(le 12/05/2026, Chloé était encore en fonction : sa démission d'office ne vaut que pour la suite ; 4 membres en fonction ce jour-là)"
hc secretariat presence pointer s4 "${ids[presidente]}" "${ids[alice]}" "${ids[bruno]}" >/dev/null
printf '  s4 : '; hc secretariat presence clore s4
step "Tant qu'un paragraphe reste en conflit, l'adoption est refusée :"
set +e
hc secretariat avis adopter avis-2026-1 --seance s4 --votants 3 --pour 2 --contre 0 --abstentions 1 2>&1 | indent
set -e
step "Bruno réécrit p2 en ayant vu les deux versions : le conflit est résolu."
hc bruno avis ecrire avis-2026-1 --paragraphe p2 "Le conseil recommande des permanences numériques hebdomadaires dans les centres sociaux." | indent
sync_some bruno secretariat
hc secretariat avis voir avis-2026-1 | indent
step "L'avis est adopté avec le décompte des voix ; la saisine est marquée répondue :"
hc secretariat avis adopter avis-2026-1 --seance s4 --presents 3 --votants 3 --pour 2 --contre 0 --abstentions 1 | indent
sync_some presidente
hc presidente avis adopter programme-2027 --seance s4 --votants 3 --pour 3 --contre 0 --abstentions 0 | indent
hc secretariat saisines liste | indent

say "Publication : le texte adopté, et lui seul, part en clair dans la portée publique"
hc presidente avis publier avis-2026-1 | indent
hc presidente avis publier programme-2027 | indent
hc presidente avis liste | indent

say "La page publique, lue avec curl comme un visiteur : $url/public/"
curl -fsS "$url/public/" -o "$sortie/public/index.html"
for id in avis-2026-1 programme-2027; do curl -fsS "$url/public/textes/$id.html" -o "$sortie/public/textes/$id.html"; done
curl -fsS "$url/public/proces-verbaux/s1.html" -o "$sortie/public/proces-verbaux/s1.html"
for page in accessibilite mentions-legales; do curl -fsS "$url/public/$page.html" -o "$sortie/public/$page.html"; done
curl -fsS "$url/public/deliberations.json" -o "$sortie/public/deliberations.json"
curl -fsS "$url/public/deliberations.csv" -o "$sortie/public/deliberations.csv"
python3 - "$sortie/public/index.html" <<'PY' | indent
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
for row in re.findall(r"<tr><td>.*?</tr>", page):
    print(" · ".join(html.unescape(re.sub(r"<[^>]*>", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", row)))
PY
step "Données ouvertes (SCDL « Délibérations », CSV) :"
indent <"$sortie/public/deliberations.csv"
if grep -rq "$marqueur" "$sortie/public"; then echo "marqueur confidentiel trouvé sur la page publique" >&2; exit 1; fi
step "Marqueur « $marqueur » (dans les dossiers et un brouillon) absent de la page publique et des données ouvertes."
if grep -rqa "$marqueur" "$work/serveur"; then echo "marqueur confidentiel en clair dans les données du serveur" >&2; exit 1; fi
step "…et absent en clair du dossier de données du serveur (il ne garde que des chiffrés)."

say "Consultation : la présidente consulte le public ; Sami (second cercle) répond depuis son appareil, un visiteur par le formulaire"
hc presidente consultations ouvrir c-mobilites --sujet "Mobilités du quotidien" --question "Que proposez-vous pour vos trajets ?" \
    --public public --cloture 2027-12-31 | indent
sync_some sami alice
hc sami consultations contribuer c-mobilites "Des navettes le soir vers les gares (CONTRIBUTION-$marqueur)" | indent
step "Un visiteur envoie le formulaire public (le petit calcul anti-abus que fait le script de la page, ici en Python) :"
python3 - "$url/public/consultations/c-mobilites" "VISITEUR-$marqueur" <<'PY' | indent
import hashlib, re, sys, urllib.parse, urllib.request
page = urllib.request.urlopen(sys.argv[1] + ".html").read().decode()
challenge = re.search(r'name="defi" value="([^"]*)"', page).group(1)
proof = next(n for n in range(1 << 24) if hashlib.sha256(f"{challenge}:{n}".encode()).digest()[:2] == b"\0\0")
form = urllib.parse.urlencode({"contribution": "Plus de pistes cyclables sûres", "nom": sys.argv[2], "courriel": "",
                               "defi": challenge, "preuve": proof}).encode()
answer = urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=form)).read().decode()
print("Contribution reçue" if "Contribution reçue" in answer else "REFUSÉE")
PY
if grep -rqa "$marqueur" "$work/serveur"; then echo "contribution en clair dans les données du serveur" >&2; exit 1; fi
step "Les deux contributions sont scellées à la clé de la consultation : absentes en clair du dossier du serveur."
step "Alice (membre) les ouvre sur son appareil et les retient toutes deux :"
hc alice consultations contributions c-mobilites | indent
hc alice consultations marquer c-mobilites 1 retenue | indent
hc alice consultations marquer c-mobilites 2 retenue | indent

say "La consultation close, sa synthèse rédigée, adoptée à une séance tenue après la clôture, publiée avec ses comptes"
sync_some alice presidente
hc presidente consultations clore c-mobilites | indent
step "La clôture avant terme est datée : « voir » montre l'heure réelle de clôture."
hc presidente consultations voir c-mobilites | sed -n '/^Clôture/p' | indent
hc presidente avis creer syn-mobilites --nature synthese --consultation c-mobilites \
    --titre "Synthèse de la consultation sur les mobilités du quotidien" | indent
hc presidente avis ecrire syn-mobilites --paragraphe p1 \
    "Les contributions demandent des navettes le soir vers les gares et des pistes cyclables sûres." | indent
step "La séance s4 (12/05/2026) s'est tenue avant la clôture : la synthèse n'y est pas adoptée."
set +e
hc presidente avis adopter syn-mobilites --seance s4 --votants 3 --pour 3 --contre 0 --abstentions 0 >"$work/synthese.out" 2>&1
status=$?
set -e
indent <"$work/synthese.out"
if [ "$status" -eq 0 ] || ! grep -q "Dates contradictoires" "$work/synthese.out"; then
    echo "synthèse adoptée à une séance antérieure à la clôture (code $status)" >&2; exit 1
fi
# The council's day (Paris), which séances are dated in: a séance convened for today, in urgency.
jour="$(TZ=Europe/Paris date +%F)"
step "La présidente convoque s5 pour aujourd'hui ($jour), en urgence ; le secrétariat la tient :"
hc presidente seances convoquer s5 --date "$jour" --lieu "Bobigny, salle du conseil" --urgence 2>&1 | indent
sync_some presidente secretariat
hc secretariat presence pointer s5 "${ids[presidente]}" "${ids[alice]}" "${ids[bruno]}" >/dev/null
printf '  s5 : '; hc secretariat presence clore s5
sync_some secretariat presidente
hc presidente avis adopter syn-mobilites --seance s5 --presents 3 --votants 3 --pour 3 --contre 0 --abstentions 0 | indent
hc presidente avis publier syn-mobilites | indent
curl -fsS "$url/public/textes/syn-mobilites.html" -o "$sortie/public/textes/syn-mobilites.html"
ligne="Consultation c-mobilites : 2 contribution(s) reçue(s), 2 retenue(s)."
if ! grep -qF "$ligne" "$sortie/public/textes/syn-mobilites.html"; then echo "page de la synthèse sans « $ligne »" >&2; exit 1; fi
step "Sa page publique dit « $ligne »"
for page in index.html deliberations.json deliberations.csv; do curl -fsS "$url/public/$page" -o "$sortie/public/$page"; done
if grep -rq "$marqueur" "$sortie/public"; then echo "une contribution est sur le site public" >&2; exit 1; fi
step "…et aucune contribution : le marqueur reste absent du site public."

say "Le rapport d'activité 2026 au président du Département (depuis l'appareil de la présidente)"
hc presidente sync >/dev/null
hc presidente rapport annuel 2026 --sortie "$sortie/rapport" | indent
sed -n '/^## Séances/,/^## Assiduité/p' "$sortie/rapport/rapport-2026.md" | sed '$d' | sed '/^$/d' | indent

say "Le site public et le rapport passés aux validateurs officiels (Validata, W3C Nu, axe-core dans Chromium)"
.build-tools/venv/bin/python3 scripts/check-public-site.py "$sortie" | grep -E "^(validata|vnu|axe): .*(valid|INVALID|serious)|^check-public-site" | indent

say "Sorties conservées (à ouvrir dans un navigateur)"
step "Rapport : $sortie/rapport/rapport-2026.html (et .md, assiduite-2026.svg)"
step "Site public : $sortie/public/index.html (textes/, proces-verbaux/, accessibilite.html, mentions-legales.html, deliberations.json, deliberations.csv)"
if [ -n "${HUISCLOS_DEMO_SERVE:-}" ]; then
    say "Le serveur reste ouvert : $url/public/ (données ouvertes : $url/public/deliberations.csv) — Ctrl-C pour arrêter"
    trap 'printf "\n"; stop_server' INT TERM   # Ctrl-C arrête le serveur ; la démonstration finit normalement
    wait "$server_pid" || true
    trap - INT TERM
fi
say "Le serveur s'arrête, le dossier temporaire est effacé. Fin de la démonstration."

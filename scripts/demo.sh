#!/usr/bin/env bash
# La démonstration de HuisClos, racontée en français, avec les vrais exécutables : le serveur relais
# `huisclos-server` démarre sur sa base SQLite embarquée (127.0.0.1, port libre, dossier temporaire) ;
# le secrétariat, la présidente, trois membres du premier cercle et un membre du second cercle
# jouent la vie du conseil avec `huisclos` : nominations, enrôlement des appareils, convocation avec
# ordre du jour et dossier, synchronisation, lecture hors ligne, réponses, présences sur trois séances,
# procès-verbal de s1 (rédigé, approuvé à s2, signé par la présidente, horodaté), s1 versée aux archives
# (paquet SEDA 2.2, bordereau validé contre le schéma officiel),
# rapport d'absences, déclaration de démission d'office, exclusion ; puis (issue 7) un vrai dossier lu
# par les membres, un groupe de travail et son dossier réservé, une audition (invité enrôlé, accès échu,
# effacement ordonné), une saisine, un avis co-écrit (conflit montré puis résolu), adopté en séance avec
# le décompte des voix et publié, le programme de travail publié, la page publique vérifiée (aucun
# marqueur confidentiel) et le rapport d'activité 2026.
# Les sorties restent dans demo-sortie/ (ignoré par git) : rapport (HTML, Markdown, SVG) et copie du site
# public. HUISCLOS_DEMO_SERVE=1 laisse le serveur tourner à la fin (Ctrl-C pour arrêter).
# Sortie 0 si tout s'est déroulé ; le serveur est arrêté et le dossier temporaire effacé dans tous les cas.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }
step() { printf '  %s\n' "$*"; }
indent() { sed 's/^/    /'; }

say "Préparation de la machine (dépendances système)"
bash scripts/setup.sh

say "Compilation de huisclos et huisclos-server (debug)"
swift build --product huisclos 2>&1 | tail -1
swift build --product huisclos-server 2>&1 | tail -1
bin="$(swift build --show-bin-path)"

work="$(mktemp -d -t huisclos-demo.XXXXXX)"
server_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
smtp_pid=""
tsa_pid=""
cleanup() {
    stop_server
    [ -z "$smtp_pid" ] || kill -9 "$smtp_pid" 2>/dev/null || true
    [ -z "$tsa_pid" ] || kill -9 "$tsa_pid" 2>/dev/null || true
    [ -n "${HUISCLOS_DEMO_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"
start_server() {
    "$bin/huisclos-server" --data "$work/serveur" --host 127.0.0.1 --port "$port" --public-url "http://127.0.0.1:$port/public" --log-level warning >>"$work/serveur.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "le serveur n'a pas démarré : voir $work/serveur.log" >&2
    cat "$work/serveur.log" >&2
    exit 1
}
json() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
hc() { local who="$1"; shift; "$bin/huisclos" "$@" --device "$work/$who"; }

say "Le secrétariat démarre le serveur relais sur $url"
mkdir -p "$work/serveur"
# Who publishes on the public site: the Département's SIRET (the name is the council's, from its
# set-up), and what its legal notice and accessibility statement name.
cat >"$work/serveur/public-site.json" <<'JSON'
{"siret": "22930008201453", "contact": "conseil-numerique@example.fr",
 "address": "Hôtel du Département, 93006 Bobigny Cedex", "director": "La présidente du conseil",
 "host": "Direction des systèmes d'information du Département, 93006 Bobigny Cedex"}
JSON
start_server
export HUISCLOS_ADMIN_TOKEN="$(cat "$work/serveur/admin-token")"
export HUISCLOS_PASSPHRASE="phrase de passe de démonstration"
step "Le serveur ne garde que des lots chiffrés et signés : ni noms, ni contenu."

say "Le secrétariat crée le conseil et sa racine de confiance"
printf 'Charte de déontologie et engagement de confidentialité du Conseil numérique, version 1.\n' >"$work/charte.txt"
"$bin/huisclos" admin setup --device "$work/secretariat" --server "$url" --name "Conseil numérique de la Seine-Saint-Denis" \
    --order "arrêté 2026-0001" --charter "$work/charte.txt" | indent

declare -A ids
appoint_and_enrol() {  # who role label name category gender order
    local who="$1" role="$2" label="$3" name="$4" category="$5" gender="$6" order="$7" id code root card
    id="$(hc secretariat membres nommer --role "$role" --nom "$name" --categorie "$category" --genre "$gender" \
          --arrete "$order" --date 2026-01-05 --json | json member)"
    ids[$who]="$id"
    code="$(hc secretariat admin code --json)"
    root="$(echo "$code" | json root)"; code="$(echo "$code" | json code)"
    card="$("$bin/huisclos" enrol --device "$work/$who" --server "$url" --code "$code" --root "$root" --member "$id" \
            --charter "$work/charte.txt" --json)"
    hc secretariat admin certify --member "$id" --signing "$(echo "$card" | json signingKey)" \
        --agreement "$(echo "$card" | json agreementKey)" --check "$(echo "$card" | json check)" >/dev/null
    step "$name ($label, $order) : nommé·e, appareil enrôlé avec un code à usage unique, certifié."
}

say "Nominations (arrêtés du 05/01/2026) et enrôlement des appareils"
appoint_and_enrol presidente président "présidente" "Nadia Ali" partenaires-publics femme "arrêté 2026-0002"
appoint_and_enrol alice membre "membre" "Alice Martin" recherche femme "arrêté 2026-0003"
appoint_and_enrol bruno membre "membre" "Bruno Petit" économie homme "arrêté 2026-0004"
appoint_and_enrol chloe membre "membre" "Chloé Durand" éducation femme "arrêté 2026-0005"
appoint_and_enrol sami second-cercle "second cercle" "Sami Benali" société-civile homme "arrêté 2026-0006"

sync_all() { for who in presidente alice bruno chloe sami secretariat presidente alice bruno chloe sami; do hc "$who" sync >/dev/null; done; }
say "Chacun synchronise : engagement de confidentialité signé, clés du conseil distribuées"
sync_all
hc secretariat membres liste | indent
hc secretariat membres composition | indent

say "La présidente convoque la séance s1 avec son ordre du jour et un dossier"
step "(Pour la démonstration, s1 est datée dans le passé afin d'y pointer la présence : HuisClos le signale.)"
hc presidente seances convoquer s1 --date 2026-02-10 --heure 14h --lieu "Bobigny, hôtel du Département" 2>&1 | indent
hc presidente ordre-du-jour ajouter s1 budget --titre "Budget du numérique 2026" --dossier dossier-budget-2026 | indent
hc presidente ordre-du-jour ajouter s1 ecoles --titre "Écoles connectées" | indent
step "Le secrétariat reçoit la convocation, puis ajoute un point de son côté :"
hc presidente sync >/dev/null
hc secretariat sync >/dev/null
hc secretariat ordre-du-jour ajouter s1 divers --titre "Questions diverses" | indent
hc presidente ordre-du-jour deplacer s1 ecoles --rang 1 | indent
sync_all

say "Les membres reçoivent la convocation (accusé de réception), Alice l'ouvre (accusé de lecture)"
hc alice seances liste | indent
for who in bruno chloe presidente; do hc "$who" seances liste >/dev/null; done
hc alice seances voir s1 | indent
step "Sami, du second cercle, n'a pas accès à la portée du conseil :"
set +e
hc sami seances liste 2>&1 | indent
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 77 ]; then echo "seances liste sur l'appareil de Sami : code $status, 77 attendu" >&2; exit 1; fi

say "Le serveur s'arrête : les membres lisent l'ordre du jour et répondent hors ligne"
stop_server
step "Bruno ouvre la convocation sans réseau (accusé de lecture, envoyé plus tard) :"
hc bruno seances voir s1 | indent
hc alice presence repondre s1 --reponse viendra | indent
hc bruno presence repondre s1 --reponse viendra | indent
step "Chloé tente de se faire représenter par Alice :"
set +e
hc chloe presence repondre s1 --reponse excuse --procuration "${ids[alice]}" 2>&1 | indent
set -e
hc chloe presence repondre s1 --reponse excuse | indent

say "Le serveur redémarre ; tout converge"
start_server
sync_all
say "Accusés de réception et de lecture de la convocation s1"
hc secretariat seances accuses s1 | indent

say "Une séance à venir : heure, délai minimal de convocation, invitation de calendrier"
step "Convoquée à 3 jours, la séance n'a pas les 5 jours francs requis : refusée sans --urgence."
set +e
hc presidente seances convoquer s-urgente --date "$(date -d '+3 days' +%F)" --heure 18h --lieu "Bobigny" 2>&1 | indent
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 65 ]; then echo "convocation trop tardive acceptée (code $status, 65 attendu)" >&2; exit 1; fi
hc presidente seances convoquer s-avenir --date "$(date -d '+30 days' +%F)" --heure 14h30 --heure-fin 17h --lieu "Bobigny, salle du conseil" | indent
hc presidente seances calendrier s-avenir --sortie "$work/s-avenir.ics" | indent
step "L'invitation (date, heure de Paris et lieu ; ni ordre du jour ni dossier), relue par un analyseur iCalendar :"
.build-tools/venv/bin/python scripts/check-calendar.py "$work/s-avenir.ics" | python3 -c "
import json, sys
event = json.load(sys.stdin)[0]['events'][0]
print(f\"  {event['summary']} — début {event['start']}, fin {event['end']} (UTC), {event['location']}, SEQUENCE {event['sequence']}\")"

step "Le secrétariat avise chaque membre par courriel, depuis son appareil (ici un serveur SMTP de démonstration sur 127.0.0.1, STARTTLS et mot de passe exigés) :"
mkdir -p "$work/smtp/recus"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/smtp/cle.pem" -out "$work/smtp/cert.pem" -days 2 \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null
.build-tools/venv/bin/python scripts/smtp-test-server.py --cert "$work/smtp/cert.pem" --key "$work/smtp/cle.pem" \
    --user secretariat --password "mot de passe smtp de démonstration" --out "$work/smtp/recus" >"$work/smtp/port" 2>"$work/smtp/journal" &
smtp_pid=$!
for _ in $(seq 50); do grep -q listening "$work/smtp/port" && break; sleep 0.1; done
smtp_port="$(sed -n 's/listening on //p' "$work/smtp/port")"
HUISCLOS_SMTP_PASSWORD="mot de passe smtp de démonstration" hc secretariat courriel configurer --serveur localhost --port "$smtp_port" \
    --utilisateur secretariat --expediteur conseil-numerique@example.org --autorite "$work/smtp/cert.pem" | indent
for who in presidente alice bruno chloe; do hc secretariat membres courriel "${ids[$who]}" "$who@example.org" >/dev/null; done
hc secretariat courriel invitation oui | indent
hc presidente sync >/dev/null
hc secretariat sync >/dev/null
hc secretariat seances notifier s-avenir | indent
step "Un avis reçu : il dit seulement qu'une convocation attend, l'invitation .ics jointe (décision du conseil) :"
.build-tools/venv/bin/python -c "
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
print('  À :', m['To'], '— Objet :', m['Subject'])
print('  ' + m.get_body(preferencelist=('plain',)).get_content().splitlines()[2])
print('  Pièce jointe :', ', '.join(p.get_filename() for p in m.iter_attachments()))" "$work/smtp/recus/1.eml"
kill -9 "$smtp_pid" 2>/dev/null || true
smtp_pid=""

say "Horodatage RFC 3161 de la convocation et de sa lecture, vérifié hors ligne et par OpenSSL seul"
step "Une autorité d'horodatage de démonstration sur 127.0.0.1 (openssl ts, sa racine faite ici) ; le secrétariat la configure une fois :"
bash scripts/tsa-test-ca.sh "$work/tsa" "HuisClos demo TSA CA"
.build-tools/venv/bin/python scripts/tsa-test-server.py --config "$work/tsa/tsa.cnf" >"$work/tsa/port" 2>/dev/null &
tsa_pid=$!
disown "$tsa_pid"  # killed below: no job notice in the narration
for _ in $(seq 50); do grep -q listening "$work/tsa/port" && break; sleep 0.1; done
tsa_port="$(sed -n 's/listening on //p' "$work/tsa/port")"
hc secretariat horodatage configurer --url "http://127.0.0.1:$tsa_port/" --racine "$work/tsa/ca.pem" | indent
hc secretariat sync >/dev/null
hc alice sync >/dev/null
hc alice seances voir s-avenir >/dev/null
hc alice sync >/dev/null
hc secretariat sync >/dev/null
hc secretariat seances horodater s-avenir | indent
hc secretariat sync >/dev/null
hc presidente sync >/dev/null
step "Sur l'appareil de la présidente, les jetons vérifiés hors ligne (heure de l'autorité) :"
hc presidente seances accuses s-avenir | indent
hc secretariat seances preuve s-avenir --sortie "$work/preuve-s-avenir.txt" | indent
step "La preuve vérifiée par un tiers avec OpenSSL seul (bash scripts/check-proof.sh) :"
bash scripts/check-proof.sh "$work/preuve-s-avenir.txt" | indent
say "Trois séances : le secrétariat pointe les présents puis clôt la présence (quorum affiché)"
for n in 1 2 3; do
    if [ "$n" -gt 1 ]; then
        hc presidente seances convoquer "s$n" --date "2026-0$((n + 1))-10" --lieu "Bobigny" >/dev/null 2>&1
        sync_all
    fi
    hc secretariat presence pointer "s$n" "${ids[presidente]}" "${ids[alice]}" "${ids[bruno]}" >/dev/null
    printf '  s%s : ' "$n"; hc secretariat presence clore "s$n"
done
sync_all
hc secretariat seances liste | indent

say "Le procès-verbal de s1 : rédigé depuis ses registres, approuvé à la séance suivante, signé par la présidente, horodaté"
hc secretariat pv brouillon s1 | indent
hc secretariat pv approuver s1 --seance s2 --pour 3 --contre 0 --abstentions 0 | indent
hc presidente sync >/dev/null
hc presidente pv signer s1 | indent
hc alice sync >/dev/null
step "Sur l'appareil d'Alice : la signature de la présidente et le jeton d'horodatage vérifiés hors ligne :"
hc alice pv voir s1 | indent
hc alice pv exporter s1 --format html --sortie "$work/pv-s1.html" | indent
hc alice pv exporter s1 --format pdf --sortie "$work/pv-s1.pdf" | indent
head -c 5 "$work/pv-s1.pdf" | grep -q '%PDF-'
echo "  pv-s1.pdf : $(wc -c <"$work/pv-s1.pdf") octets, imprimé par Chromium sans interface ni réseau"
step "Le conseil décide de publier le procès-verbal approuvé et signé sur le site public :"
hc presidente pv publier s1 | indent
curl -fsS "$url/public/proces-verbaux/s1.html" >"$work/pv-public-s1.html"
grep -o "<h1>[^<]*</h1>" "$work/pv-public-s1.html" | indent
# The relay checked the president's signature itself, against the council's membership log.
grep -o "le site public a vérifié lui-même cette signature[^(]*([^)]*)" "$work/pv-public-s1.html" \
    | sed "s/&#39;/'/g; s/&quot;/\"/g; s/&amp;/\&/g" | indent

say "La séance s1 versée aux archives : un paquet SEDA 2.2, son bordereau validé contre le schéma officiel"
hc secretariat sync >/dev/null
hc secretariat rapport archive s1 --service-archives FRAD093 --sortie "$work/versement-s1" 2>&1 | indent
ls "$work/versement-s1/content" | indent
XML_CATALOG_FILES=Tests/Fixtures/seda-2.2/catalog.xml xmllint --nonet --noout \
    --schema Tests/Fixtures/seda-2.2/seda-2.2-main.xsd "$work/versement-s1/manifest.xml" 2>&1 | indent
kill -9 "$tsa_pid" 2>/dev/null || true
tsa_pid=""


say "Le rapport d'absences du secrétariat, signé dans le journal des membres"
hc secretariat rapport absences --signer 2>&1 | indent

say "La présidente déclare Chloé démissionnaire d'office"
hc presidente membres declarer-demission "${ids[chloe]}" | indent
for who in secretariat alice bruno sami presidente; do hc "$who" sync >/dev/null; done
hc secretariat membres liste | indent

say "L'appareil de Chloé n'a plus accès au conseil"
set +e
hc chloe sync >"$work/chloe.out" 2>&1
status=$?
set -e
indent <"$work/chloe.out"
step "huisclos sync sur l'appareil de Chloé (code $status) : le registre signé reçu met fin à son mandat, la nouvelle clé du conseil ne lui est pas remise."
hc chloe status | sed -n '/^Lecture\|^Read/p' | indent
hc presidente seances convoquer s4 --date 2026-05-12 --lieu "Bobigny" >/dev/null 2>&1
hc presidente sync >/dev/null
set +e
hc chloe seances liste >"$work/chloe.out" 2>&1
set -e
step "Chloé ne voit pas la séance s4 convoquée après la déclaration :"
indent <"$work/chloe.out"
if grep -q " s4 " "$work/chloe.out"; then echo "Chloé voit encore le conseil" >&2; exit 1; fi

source scripts/demo-dossiers.sh

#!/usr/bin/env bash
# La démonstration de HuisClos, racontée en français : le serveur relais démarre sur sa base SQLite
# embarquée (127.0.0.1, port libre, dossier temporaire), les appareils du secrétariat, de la
# présidente, de trois membres du premier cercle et d'un membre du second cercle s'enrôlent avec
# les vrais exécutables `huisclos` et `huisclos-server`, puis la vie du conseil (nominations,
# séances, ordre du jour, réponses hors ligne, présences, rapport d'absences, déclaration de
# démission d'office, exclusion) est jouée de bout en bout contre le même serveur réel.
#
# Ce qui passe par les exécutables : serveur, codes d'enrôlement, enrôlement, statut, synchronisation,
# révocation. Ce qui passe par la bibliothèque (HuisClosCouncilStore, test CouncilScenarioTests contre
# un serveur réel sur la boucle locale) : les commandes du conseil, tant que le profil d'appareil
# (journal des membres relayé, copie locale chiffrée) n'est pas livré au client `huisclos`.
# Sortie 0 si tout s'est déroulé ; le serveur est arrêté et le dossier temporaire effacé dans tous les cas.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }
step() { printf '  %s\n' "$*"; }

say "Préparation de la machine (dépendances système)"
bash scripts/setup.sh

say "Compilation de huisclos, huisclos-server et des tests (debug)"
swift build --build-tests 2>&1 | tail -1
bin=".build/debug"

work="$(mktemp -d -t huisclos-demo.XXXXXX)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
url="http://127.0.0.1:$port"
start_server() {
    "$bin/huisclos-server" --data "$work/serveur" --host 127.0.0.1 --port "$port" --log-level warning >"$work/serveur.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "le serveur n'a pas démarré : voir $work/serveur.log" >&2
    cat "$work/serveur.log" >&2
    exit 1
}

say "Le secrétariat démarre le serveur relais sur $url (données dans un dossier temporaire)"
mkdir -p "$work/serveur"
start_server
export HUISCLOS_ADMIN_TOKEN_FILE="$work/serveur/admin-token"
step "Le serveur ne stocke que des lots chiffrés et signés ; il ne connaît ni les noms ni le contenu."

export HUISCLOS_PASSPHRASE="phrase de passe de démonstration"
declare -A keys
enrol() {  # enrol NAME LABEL READ WRITE
    local name="$1" label="$2" read="$3" write="$4" code args=()
    [ -n "$read" ] && args+=(--read "$read")
    [ -n "$write" ] && args+=(--write "$write")
    code="$("$bin/huisclos" admin code --server "$url" --admin-token-file "$HUISCLOS_ADMIN_TOKEN_FILE" "${args[@]}" | head -1)"
    step "$label : code d'enrôlement remis en main propre, appareil enrôlé."
    keys[$name]="$("$bin/huisclos" enrol --device "$work/$name" --server "$url" --code "$code" | head -1 | awk '{print $NF}')"
}

say "Nominations et enrôlement des appareils"
enrol secretariat "Secrétariat (agent des services départementaux)" council council
enrol presidente "Nadia, présidente (arrêté 2026-002)" council council
enrol alice "Alice Martin, premier cercle, recherche" council council
enrol bruno "Bruno Petit, premier cercle, monde économique" council council
enrol chloe "Chloé Durand, premier cercle, éducation" council council
enrol sami "Sami Benali, second cercle (thématique), sans accès au conseil" "group:inclusion" ""

say "Alice vérifie ses droits"
"$bin/huisclos" status --device "$work/alice" | sed 's/^/  /'
say "Sami (second cercle) n'a pas accès à la portée du conseil"
"$bin/huisclos" status --device "$work/sami" | sed 's/^/  /'

say "Chacun synchronise"
for name in secretariat presidente alice bruno chloe sami; do
    printf '  %-12s ' "$name"; "$bin/huisclos" sync --device "$work/$name" 2>&1 | tail -1
done

say "La vie du conseil, de bout en bout, contre un serveur réel sur la boucle locale"
step "Le secrétariat inscrit noms, catégories et genres (chiffrés, dans la portée du conseil) ; le registre"
step "se déduit du journal des membres vérifié : 30 membres au plus, mandat de 3 ans renouvelable une fois."
step "La présidente convoque la séance s1 (Bobigny) : « Budget du numérique » avec son dossier, « Écoles connectées »."
step "Chaque appareil signe un accusé de réception, puis de lecture quand le membre ouvre la convocation."
step "Le serveur s'arrête : les membres lisent l'ordre du jour hors ligne et répondent (je viendrai / excusé)."
step "Chloé tente de donner procuration à Alice : refusé — « les procurations ne sont pas admises »."
step "Le serveur revient, tout converge ; trois séances, le secrétariat pointe les présents et clôt."
step "Quorum atteint (la moitié des membres en fonction) ; Chloé, absente trois fois (dont une excusée),"
step "figure au rapport d'absences ; la présidente la déclare démissionnaire d'office : fin du mandat,"
step "nouvelle époque de clé du conseil scellée aux seuls appareils restants, appareil de Chloé exclu."
swift test --skip-build --filter CouncilScenarioTests 2>&1 | grep -E "✔ Test|✘|Test run" | sed 's/^/  /'
swift test --skip-build --filter CouncilScenarioTests >/dev/null 2>&1 || { echo "le scénario a échoué" >&2; exit 1; }

say "La présidente a déclaré Chloé démissionnaire : le secrétariat révoque son appareil sur le relais"
"$bin/huisclos" admin revoke --server "$url" --admin-token-file "$HUISCLOS_ADMIN_TOKEN_FILE" --device-key "${keys[chloe]}" | sed 's/^/  /'
set +e
"$bin/huisclos" sync --device "$work/chloe" >"$work/chloe.out" 2>&1
status=$?
set -e
step "Chloé tente de synchroniser : code de sortie $status (77 = non autorisé)."
sed 's/^/  /' "$work/chloe.out"
[ "$status" -ne 0 ] || { echo "l'appareil révoqué a pu synchroniser" >&2; exit 1; }

say "Le serveur s'arrête"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
set +e
"$bin/huisclos" status --device "$work/alice" >/dev/null 2>&1
step "Alice hors ligne : le serveur est injoignable (code $? = serveur injoignable)."
set -e

say "Fin de la démonstration : dossier temporaire effacé."

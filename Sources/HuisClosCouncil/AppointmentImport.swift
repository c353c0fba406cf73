public import HuisClosL10n

/// A whole council's appointments from one CSV file (`huisclos membres importer`): parsed and
/// checked in full — each field, then every row against the register as the rows before it leave
/// it — before anything is signed, so a file with one bad line changes nothing.
///
/// Columns (a header line names them, in any order, separated by `,` or `;`, fields optionally in
/// double quotes): `nom` (required), `categorie` (required), `arrete` (required: the order
/// number), `date` (the order's date, YYYY-MM-DD, today when empty), `genre` (or empty), `role`
/// (member when empty). Categories, genders and roles are typed words (`TypedWord`): French, or
/// the English keywords of earlier files.
public enum AppointmentImport {
    /// The column names a header may use.
    public static let columns = ["nom", "categorie", "arrete", "date", "genre", "role"]
    /// The columns a header must name.
    public static let requiredColumns = ["nom", "categorie", "arrete"]
    /// Most rows in one file: a council's two circles with room to spare (a bound, not a rule),
    /// and as many appointment records as one membership request carries (`WireLimits.pushBatchesMax`).
    public static let rowsMax = 256
    /// Largest file read, in bytes (a few hundred bytes per row, with room to spare).
    public static let fileBytesMax = 256 * 1024

    /// The role an imported row appoints to (a vice-presidency is a role on a running mandate,
    /// recorded afterwards; the secretariat is appointed by the root).
    public enum Role: String, Sendable, CaseIterable {
        case member, president, secondCircle
    }

    /// One appointment, as its line says.
    public struct Row: Sendable, Equatable {
        /// The line number in the file (the header is line 1).
        public let line: Int
        public let name: String
        public let category: Member.Category
        public let gender: Member.Gender?
        public let role: Role
        public let orderNumber: String
        public let orderDay: Day

        /// The mandate's term: three years from the order's date.
        public var termEnd: Day { orderDay.adding(years: CouncilRules.mandateYears) }
    }

    /// What is wrong with one line, and what to do, in both languages.
    public struct LineError: HuisClosError, Equatable {
        /// The one way a line is wrong.
        public enum Code: String, ErrorCode {
            /// A value, the number of fields or the register refuses the line.
            case refused

            public static let domain = "importLine"

            public var text: Text {
                Text(fr: "une ligne du fichier est refusée : corrigez-la comme son message l'indique",
                     en: "a line of the file is refused: correct it as its message says")
            }

            public var exitStatus: ExitStatus { .dataRefused }
        }

        public let line: Int
        public let text: Text
        public var code: Code { .refused }

        init(_ line: Int, _ reason: Text) {
            self.line = line
            text = Text(fr: "ligne \(line) : \(reason.french)", en: "line \(line): \(reason.english)")
        }
    }

    /// Parses `text` and checks every row against `register` on `today`: the rows when the whole
    /// file is valid, else every line's error (nothing is to be written then).
    public static func plan(_ text: String, register: Register, today: Day, namesakes: Bool = false) -> Result<[Row], Failure> {
        var errors: [LineError] = []
        let rows = parse(text, today: today, errors: &errors)
        errors = (errors + check(rows, against: register, today: today, namesakes: namesakes)).sorted { $0.line < $1.line }
        return errors.isEmpty ? .success(rows) : .failure(Failure(errors: errors))
    }

    /// Every line's error in a file refused as a whole.
    public struct Failure: HuisClosError, Equatable {
        /// The one way a file is refused.
        public enum Code: String, ErrorCode {
            /// Some line is wrong: nothing of the file is written.
            case refused

            public static let domain = "import"

            public var text: Text {
                Text(fr: "fichier refusé : des lignes sont en erreur, aucune nomination n'est enregistrée ; corrigez-les, puis importez de nouveau le fichier entier",
                     en: "file refused: some lines are in error, no appointment is recorded; correct them, then import the whole file again")
            }

            public var exitStatus: ExitStatus { .dataRefused }
        }

        public let errors: [LineError]
        public var code: Code { .refused }
    }

    static func parse(_ text: String, today: Day, errors: inout [LineError]) -> [Row] {
        guard text.utf8.count <= fileBytesMax else {
            errors.append(LineError(1, Text(fr: "fichier de plus de \(fileBytesMax / 1024) Kio : découpez-le",
                                            en: "file larger than \(fileBytesMax / 1024) KiB: split it")))
            return []
        }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let headerLine = lines.first.map({ $0.hasPrefix("\u{FEFF}") ? String($0.dropFirst()) : $0 }),
              !headerLine.trimmedOfSpaces.isEmpty else {
            errors.append(LineError(1, Text(fr: "en-tête manquant : nom;categorie;arrete;date;genre;role",
                                            en: "header missing: nom;categorie;arrete;date;genre;role")))
            return []
        }
        let separator: Character = headerLine.contains(";") ? ";" : ","
        // Column names with their accents (« catégorie », « arrêté », « rôle ») are the same columns.
        let header = fields(of: headerLine, separator: separator).map { FrenchCollation.folded($0) }
        let unknown = header.filter { !columns.contains($0) }
        let missing = requiredColumns.filter { !header.contains($0) }
        guard unknown.isEmpty, missing.isEmpty, Set(header).count == header.count else {
            errors.append(LineError(1, Text(
                fr: "en-tête « \(headerLine) » : colonnes admises \(columns.joined(separator: ", ")), obligatoires \(requiredColumns.joined(separator: ", ")), chacune une fois",
                en: "header \"\(headerLine)\": allowed columns \(columns.joined(separator: ", ")), required \(requiredColumns.joined(separator: ", ")), each once")))
            return []
        }
        var rows: [Row] = []
        for (offset, line) in lines.enumerated().dropFirst() where !line.trimmedOfSpaces.isEmpty {
            let number = offset + 1
            guard rows.count + errors.count < rowsMax else {
                errors.append(LineError(number, Text(fr: "plus de \(rowsMax) lignes : découpez le fichier", en: "more than \(rowsMax) rows: split the file")))
                break
            }
            let values = fields(of: line, separator: separator)
            guard values.count == header.count else {
                errors.append(LineError(number, Text(fr: "\(values.count) champ(s) pour \(header.count) colonne(s)",
                                                     en: "\(values.count) field(s) for \(header.count) column(s)")))
                continue
            }
            let field = Dictionary(uniqueKeysWithValues: zip(header, values))
            switch row(number, field, today: today) {
            case let .success(row): rows.append(row)
            case let .failure(error): errors.append(error)
            }
        }
        if rows.isEmpty, errors.isEmpty {
            errors.append(LineError(2, Text(fr: "aucune nomination dans le fichier", en: "no appointment in the file")))
        }
        return rows
    }

    private static func row(_ line: Int, _ field: [String: String], today: Day) -> Result<Row, LineError> {
        func refuse(_ column: String, _ value: String, _ accepted: Text) -> Result<Row, LineError> {
            .failure(LineError(line, Text(fr: "colonne \(column) : « \(value) » est refusé ; valeurs admises : \(accepted.french)",
                                          en: "column \(column): \"\(value)\" is refused; allowed values: \(accepted.english)")))
        }
        let name = field["nom"] ?? "", orderNumber = field["arrete"] ?? ""
        guard !name.isEmpty, name.utf8.count <= 128 else { return refuse("nom", name, Text(fr: "1 à 128 octets", en: "1 to 128 bytes")) }
        guard !orderNumber.isEmpty, orderNumber.utf8.count <= 64 else { return refuse("arrete", orderNumber, Text(fr: "1 à 64 octets", en: "1 to 64 bytes")) }
        let categoryText = field["categorie"] ?? ""
        guard let category = Member.Category(typed: categoryText) else {
            return refuse("categorie", categoryText, Member.Category.accepted)
        }
        let genderText = field["genre"] ?? ""
        let gender = Member.Gender(typed: genderText)
        guard genderText.isEmpty || gender != nil else {
            return refuse("genre", genderText, Text(fr: Member.Gender.accepted.french + " (ou vide)", en: Member.Gender.accepted.english + " (or empty)"))
        }
        let roleText = field["role"] ?? ""
        guard let role = roleText.isEmpty ? .member : Role(typed: roleText) else {
            return refuse("role", roleText, Role.accepted)
        }
        let dateText = field["date"] ?? ""
        guard let orderDay = dateText.isEmpty ? today : Day(typed: dateText) else {
            return refuse("date", dateText, Text(fr: "JJ/MM/AAAA ou AAAA-MM-JJ", en: "YYYY-MM-DD or DD/MM/YYYY"))
        }
        return .success(Row(line: line, name: name, category: category, gender: gender, role: role,
                            orderNumber: orderNumber, orderDay: orderDay))
    }

    /// The fields of one CSV line: `separator`-separated, each optionally in double quotes (`""`
    /// inside quotes is one quote), trimmed of surrounding spaces.
    static func fields(of line: String, separator: Character) -> [String] {
        var fields: [String] = [], current = "", quoted = false, previousQuote = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true } else { current.append(character) }
            } else if character == "\"" {
                if previousQuote { current.append("\"") }
                quoted = true
                previousQuote = false
            } else if character == separator {
                fields.append(current.trimmedOfSpaces)
                current = ""
                previousQuote = false
            } else {
                current.append(character)
                previousQuote = false
            }
        }
        fields.append(current.trimmedOfSpaces)
        return fields
    }

    /// Every row checked in file order against the register as the rows before it leave it: the
    /// order's date (not after today, its 3-year term not past), a name already in office or twice
    /// in the file, one president, and the first circle's rules (`Register.appoint`).
    static func check(_ rows: [Row], against register: Register, today: Day, namesakes: Bool) -> [LineError] {
        var register = register
        var errors: [LineError] = []
        var names = Set(register.members.values.filter { $0.isInOffice(on: today) }.map { $0.name.lowercased() })
        for row in rows {
            let term = row.termEnd
            if row.orderDay > today {
                errors.append(LineError(row.line, Text(fr: "arrêté daté du \(row.orderDay.french), après aujourd'hui : vérifiez la date",
                                                       en: "order dated \(row.orderDay.iso), after today: check the date")))
            } else if term <= today {
                errors.append(LineError(row.line, Text(fr: "un mandat ouvert le \(row.orderDay.french) a pris fin le \(term.french) : enregistrez-le comme mandat antérieur (huisclos membres historique)",
                                                       en: "a mandate opened on \(row.orderDay.iso) ended on \(term.iso): record it as a past mandate (huisclos membres historique)")))
            } else if !names.insert(row.name.lowercased()).inserted {
                errors.append(LineError(row.line, Text(fr: "\(row.name) est déjà en fonction ou figure deux fois : rien n'est nommé deux fois",
                                                       en: "\(row.name) is already in office or listed twice: nobody is appointed twice")))
            } else if !namesakes, let former = register.formerNamesake(of: row.name, on: today) {
                errors.append(LineError(row.line, Register.formerNamesakeRefusal(former).text))
            } else if row.role == .president, let president = register.presidentInOffice(on: today) {
                errors.append(LineError(row.line, Register.presidencyHeldRefusal(president).text))
            } else {
                let id = "import-line-\(row.line)"
                do throws(CouncilError) {
                    try register.appoint(id: id, name: row.name, circle: row.role == .secondCircle ? .second : .first, category: row.category,
                                         gender: row.gender, orderNumber: row.orderNumber, on: row.orderDay, recordedOn: today)
                    if row.role == .president { try register.setPresident(id, on: max(row.orderDay, today)) }
                } catch {
                    errors.append(LineError(row.line, error.text))
                }
            }
        }
        return errors
    }
}

extension String {
    /// Without the spaces and tabs around it (what a spreadsheet leaves around a CSV field).
    fileprivate var trimmedOfSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}

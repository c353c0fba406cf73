import HuisClosEngine
public import HuisClosProtocol

/// The council scope's record vocabulary (`Protocol/COUNCIL-RECORDS.md`): kinds, fields and sets,
/// in one place, so writers and readers cannot disagree on a name.
public enum CouncilRecords {
    /// Every council record lives in the council scope: first-circle members and the secretariat.
    public static let scope = ScopeID.council

    /// Record kinds.
    public enum Kind {
        /// A person's profile, id = member id (hex): name, category, gender.
        public static let profile = "member_profile"
        /// The president's proposal of a vice-president, id = member id (hex).
        public static let vicePresidentProposal = "vp_proposal"
        /// The appointment of a proposed vice-president, recorded by the secretariat as a role on
        /// the member's running mandate (no new mandate), id = member id (hex): order, day.
        public static let vicePresidentAppointment = "vp_appointment"
        /// A séance, id = séance id: date, start, end, place, revision, urgent, cancelled; set
        /// `present`; attendance closure.
        public static let seance = "seance"
        /// An agenda item, id = "<séance>:<item>": title, position; set `dossiers`.
        public static let agendaItem = "agenda_item"
        /// A member's answer to a convocation, id = "<séance>:<member hex>".
        public static let response = "rsvp"
        /// A device's acknowledgement of one version of a convocation (`acknowledgementID`):
        /// seance, member, device, revision, received_ms, read_ms.
        public static let acknowledgement = "convocation_ack"
        /// The council's settings for convocations, id = `convocation`: `clear_days`, `attach_ics`.
        public static let convocationSettings = "convocation_settings"
        /// A notice e-mailed by the secretariat's device, id = "<séance>:<member hex>:<revision>":
        /// seance, member, revision, content (what it told), sent_ms. Recorded once the mail server accepted it.
        public static let notice = "convocation_notice"
        /// The council's time-stamping authority, id = `tsa`: `tsa_url`, `tsa_roots` (PEM trust anchors).
        public static let timestampSettings = "timestamp_settings"
        /// An RFC 3161 time-stamp obtained by the secretariat's device, id = "<séance>:<subject>"
        /// (`TimestampStatement`): seance, subject, statement (the text time-stamped), token (DER, base64).
        public static let timestamp = "timestamp"
    }

    /// The one id of the time-stamping settings record.
    public static let timestampSettingsID = "tsa"

    /// The one id of the convocation settings record.
    public static let convocationSettingsID = "convocation"

    /// Field and set names.
    public enum Field {
        public static let name = "name"
        public static let category = "category"
        public static let gender = "gender"
        public static let proposedOn = "proposed_on"
        public static let appointedOn = "appointed_on"
        public static let orderNumber = "order_number"
        public static let date = "date"
        public static let place = "place"
        public static let start = "start"
        public static let end = "end"
        public static let revision = "revision"
        public static let urgent = "urgent"
        public static let recordedLate = "recorded_late"
        public static let closedPresent = "closed_present"
        public static let cancelled = "cancelled"
        public static let clearDays = "clear_days"
        public static let attachInvitation = "attach_ics"
        public static let email = "email"
        public static let sentMs = "sent_ms"
        public static let content = "content"
        public static let present = "present"
        public static let attendanceClosed = "attendance_closed"
        public static let seance = "seance"
        public static let title = "title"
        public static let position = "position"
        public static let dossiers = "dossiers"
        public static let member = "member"
        public static let response = "response"
        public static let device = "device"
        public static let receivedMs = "received_ms"
        public static let readMs = "read_ms"
        public static let tsaURL = "tsa_url"
        public static let tsaRoots = "tsa_roots"
        public static let subject = "subject"
        public static let statement = "statement"
        public static let token = "token"
    }

    /// Hex digits of a device key kept in an acknowledgement's id: 128 bits, unique among a council's devices.
    public static let deviceIDHexDigits = 32

    /// An acknowledgement's id: "<séance>:<device>" for the convocation as first sent (revision 0,
    /// the id records had before versions were acknowledged), "<séance>:<revision>:<device>" for
    /// each later version; `device` is the key's first `deviceIDHexDigits` hex digits.
    public static func acknowledgementID(seance: String, revision: Int, device: String) -> String {
        revision == 0 ? "\(seance):\(device)" : "\(seance):\(revision):\(device)"
    }

    /// The séance and revision an acknowledgement's id names, when the id ends with ":<device>"
    /// (`acknowledgementID` read back): a last part before the device that is a revision written
    /// as `acknowledgementID` writes it (1, 2, …) is the revision, else the version is 0. Séance
    /// ids hold no « : » (`Seance.checkNewID`), so the reading is unambiguous.
    public static func acknowledgedVersion(id: String, device: String) -> (seance: String, revision: Int)? {
        guard id.hasSuffix(":" + device) else { return nil }
        let named = id.dropLast(device.count + 1)
        guard let colon = named.lastIndex(of: ":") else { return (String(named), 0) }
        let last = named[named.index(after: colon)...]
        guard let revision = Int(last), revision > 0, String(revision) == last else { return (String(named), 0) }
        return (String(named[..<colon]), revision)
    }

    static func key(_ kind: String, _ id: String) throws -> RecordKey { try RecordKey(kind: kind, id: id) }
}

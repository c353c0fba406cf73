import HuisClosL10n

/// One appointment as the council's rules see it, whoever checks it: a face before it signs
/// (recorded today), the membership log when it verifies the record (recorded on the record's
/// day) and the register when it folds it. Each reader fills it from what it holds.
public struct AppointmentRequest: Sendable {
    /// The person's member id (hex), for the way out the refusal gives.
    public var id: String
    /// The person's name as the refusal names them.
    public var name: String
    /// The order's day: the mandate runs from it.
    public var orderDay: Day
    /// The mandate the person holds when the appointment is recorded, if any: its end and, when
    /// the reader knows it, its order number.
    public var current: (end: Day, order: String?)?
    /// The end of the person's latest mandate, if any (a renewal takes effect from then).
    public var previousEnd: Day?
    /// For a first-circle appointment: the fullest day from the order's day through the record's
    /// (`CouncilRules.fullestPoint`), how many first-circle members sat then, and how many
    /// first-circle mandates the person held.
    public var firstCircle: (point: Day, seated: Int, mandatesHeld: Int)?

    public init(id: String, name: String, orderDay: Day, current: (end: Day, order: String?)?, previousEnd: Day?,
                firstCircle: (point: Day, seated: Int, mandatesHeld: Int)?) {
        self.id = id
        self.name = name
        self.orderDay = orderDay
        self.current = current
        self.previousEnd = previousEnd
        self.firstCircle = firstCircle
    }
}

extension CouncilRules {
    /// The appointment rules, implemented here and only here: nobody is appointed while in
    /// office, a renewal's order is not dated before the previous mandate's end, and the first
    /// circle's two rules hold (`checkFirstCircleAppointment`). The register (`Register.appoint`),
    /// the membership log (`HuisClosTrust.MembershipState`) and every face (`CouncilSession`) call it.
    public static func checkAppointment(_ request: AppointmentRequest) throws(CouncilError) {
        if let current = request.current {
            let order = current.order.map { "\($0) : " } ?? "", orderEnglish = current.order.map { "\($0): " } ?? ""
            throw CouncilError(.alreadyInOffice, Text(
                fr: "\(order)\(request.name) est en fonction jusqu'au \(current.end.french). Pour un renouvellement : huisclos membres renouveler \(request.id) --arrete <numéro>.",
                en: "\(orderEnglish)\(request.name) is in office until \(current.end.iso). For a renewal: huisclos membres renouveler \(request.id) --arrete <number>."))
        }
        if let previousEnd = request.previousEnd, request.orderDay < previousEnd {
            throw CouncilError(.invalidDate, Text(
                fr: "Le mandat précédent de \(request.name) a pris fin le \(previousEnd.french) : un renouvellement prend effet à cette date, son arrêté ne peut être daté d'avant. Vérifiez la date de l'arrêté.",
                en: "\(request.name)'s previous mandate ended on \(previousEnd.iso): a renewal takes effect from that date, and its order cannot be dated earlier. Check the order's date."))
        }
        if let firstCircle = request.firstCircle {
            try checkFirstCircleAppointment(of: request.name, seated: firstCircle.seated, mandatesHeld: firstCircle.mandatesHeld,
                                            on: firstCircle.point)
        }
    }

    /// A face's check of an order's dates before it signs: the order is not dated after
    /// `today`, and the three-year mandate it opens has not already ended (`mandateEnd(from:)`).
    public static func checkOrderDates(orderDay: Day, today: Day) throws(CouncilError) {
        guard orderDay <= today else {
            throw CouncilError(.invalidDate, Text(
                fr: "L'arrêté est daté du \(orderDay.french), après aujourd'hui (\(today.french)) : un mandat commence à la date de son arrêté. Vérifiez --date.",
                en: "The order is dated \(orderDay.iso), after today (\(today.iso)): a mandate starts on its order's date. Check --date."))
        }
        let term = mandateEnd(from: orderDay)
        guard today < term else {
            throw CouncilError(.invalidDate, Text(
                fr: "Un mandat ouvert par un arrêté du \(orderDay.french) a pris fin le \(term.french) (3 ans) : il ne peut plus être enregistré. Vérifiez --date.",
                en: "A mandate opened by an order of \(orderDay.iso) ended on \(term.iso) (3 years): it can no longer be recorded. Check --date."))
        }
    }
}

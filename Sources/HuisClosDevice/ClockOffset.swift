public import HuisClosL10n
import HuisClosTrust

/// How far this device's clock is from the relay's, as measured from the relay's last answer
/// (`HuisClos-Time`), and what to tell the person about it.
///
/// One measurement cannot tell which of two clocks is wrong: each sentence names the clock that
/// is behind the other with the offset, what HuisClos does about it, and what to do if the other
/// clock is the wrong one.
public struct ClockOffset: Sendable, Equatable {
    /// The relay's clock minus this device's, in milliseconds (positive: this device is behind).
    public let relayAheadMs: Int64

    /// The offset measured.
    public init(relayAheadMs: Int64) { self.relayAheadMs = relayAheadMs }

    /// What to tell the person after a sync, or nil when the clocks agree within the relay's skew
    /// (`TrustLimits.relayClockSkewSecondsMax`). Nothing is stopped within the followed bound.
    public var notice: Text? {
        guard relayAheadMs.magnitude > UInt64(TrustLimits.relayClockSkewSecondsMax) * 1_000 else { return nil }
        let (fr, en) = Self.duration(relayAheadMs)
        if relayAheadMs > 0 {
            return Text(fr: "Attention : l'horloge de cet appareil retarde de \(fr) sur celle du relais. HuisClos suit l'horloge du relais, rien n'est bloqué ; "
                        + "mettez cet appareil à l'heure (date et heure automatiques). S'il affiche l'heure juste, c'est l'horloge du relais qui avance : prévenez le secrétariat.",
                        en: "Warning: this device's clock is \(en) behind the relay's. HuisClos follows the relay's clock, so nothing is stopped; "
                        + "set this device's date and time right (automatic date and time). If it shows the right time, the relay's clock is fast: tell the secretariat.")
        }
        return Text(fr: "Attention : l'horloge du relais retarde de \(fr) sur celle de cet appareil. Cet appareil date ce qu'il signe à l'heure du relais, rien n'est bloqué ; "
                    + "demandez au secrétariat de mettre le relais à l'heure (NTP). Si c'est l'horloge de cet appareil qui est fausse, mettez-la à l'heure (date et heure automatiques).",
                    en: "Warning: the relay's clock is \(en) behind this device's. This device dates what it signs by the relay's clock, so nothing is stopped; "
                    + "tell the secretariat to set the relay's clock right (NTP). If this device's clock is the wrong one, set it right (automatic date and time).")
    }

    /// The refusal of a membership record dated by the relay's clock while this device's clock is
    /// further behind it than HuisClos follows (`TrustLimits.relayClockFollowedSecondsMax`).
    var deviceBehind: DeviceError {
        let (fr, en) = Self.duration(relayAheadMs)
        return DeviceError(.clockBehind, Text(
            fr: "l'horloge de cet appareil retarde de \(fr) sur celle du relais, plus que le jour que HuisClos tolère : un enregistrement d'adhésion daté à l'heure du relais "
                + "ne peut pas être accepté. Mettez cet appareil à l'heure (date et heure automatiques), puis synchronisez de nouveau ; ce qu'il détient reste lisible. "
                + "S'il affiche l'heure juste, c'est l'horloge du relais qui avance : prévenez le secrétariat.",
            en: "this device's clock is \(en) behind the relay's, more than the day HuisClos follows: a membership record dated by the relay's clock cannot be taken. "
                + "Set this device's date and time right (automatic date and time), then sync again; what this device holds stays readable. "
                + "If it shows the right time, the relay's clock is fast: tell the secretariat."))
    }

    /// The refusal to sign while the relay's clock is further behind this device's than HuisClos
    /// follows: the relay would refuse the record as dated ahead of its clock.
    var relayBehind: DeviceError {
        let (fr, en) = Self.duration(relayAheadMs)
        return DeviceError(.relayClockBehind, Text(
            fr: "l'horloge du relais retarde de \(fr) sur celle de cet appareil, plus que le jour que HuisClos tolère : le relais refuserait ce que cet appareil signe ; "
                + "rien n'a été signé. Demandez au secrétariat de mettre le relais à l'heure (NTP) ; si c'est l'horloge de cet appareil qui est fausse, mettez-la à l'heure.",
            en: "the relay's clock is \(en) behind this device's, more than the day HuisClos follows: the relay would refuse what this device signs; "
                + "nothing was signed. Tell the secretariat to set the relay's clock right (NTP); if this device's clock is the wrong one, set it right."))
    }

    /// `ms` (its magnitude) in words, French and English: minutes under an hour, hours and
    /// minutes under two days, days beyond.
    static func duration(_ ms: Int64) -> (fr: String, en: String) {
        let minutes = (ms.magnitude + 30_000) / 60_000
        if minutes < 60 { return ("\(minutes) min", "\(minutes) min") }
        if minutes < 48 * 60 {
            let text = minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
            return (text, text)
        }
        let days = (minutes + 720) / 1_440
        return ("\(days) jours", "\(days) days")
    }
}

import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosSync
import HuisClosTrust

extension CouncilSession {
    /// Refuses, before anything is written to the public scope, a device that may not publish
    /// (president and secretariat only) and a relay whose public site does not publish (no
    /// `--public-url` or no `public-site.json`): what is published would sit there unseen, and its
    /// links could not name the site. Who may publish is said first.
    func requirePublishing() async throws {
        guard await device.membership.mayWritePublic(device: device.certificate.signingKey, at: instant) else { throw CouncilWriteRules.publishes }
        guard try await device.relayClient.publicSitePublishes() else {
            throw DossierError(.wrongState, Text(
                fr: "le site public de \(device.server) ne publie pas encore : l'exploitant du serveur doit le démarrer avec --public-url (l'adresse que les visiteurs atteignent) et écrire public-site.json (voyez \(device.server)/public/ pour ce qui manque) ; rien n'a été publié",
                en: "the public site of \(device.server) does not publish yet: the server's operator must start it with --public-url (the address visitors reach) and write public-site.json (see \(device.server)/public/ for what is missing); nothing was published"))
        }
    }
}

import Hummingbird

/// The app's own script, compiled into the binary as the style sheet is: loaded only by the page
/// of a PDF dossier, by address (the CSP allows `script-src 'self'`, never inline script or eval).
enum AppScripts {
    /// Draws a PDF dossier one page at a time on the page's canvas with pdf.js (`isEvalSupported:
    /// false`), then the member's watermark (name, date and time, given by the page) over the page.
    /// The PDF is fetched from the app into memory only; without this script the page offers the download.
    static let pdfReader = """
        "use strict";
        (function () {
          var viewer = document.getElementById("lecteur-pdf");
          if (!viewer || !window.pdfjsLib) { return; }
          var canvas = document.getElementById("pdf-page");
          var state = document.getElementById("pdf-etat");
          var previous = document.getElementById("pdf-precedente");
          var next = document.getElementById("pdf-suivante");
          var watermark = viewer.dataset.watermark;
          var pdf = null;
          var current = 0;
          var drawing = Promise.resolve();
          window.pdfjsLib.GlobalWorkerOptions.workerSrc = viewer.dataset.worker;
          document.getElementById("pdf-sans-script").hidden = true;
          document.getElementById("pdf-commandes").hidden = false;

          function label(number) {
            return viewer.dataset.pageLabel.replace("{page}", number).replace("{pages}", pdf.numPages);
          }

          // The watermark: the member's name, date and time, tiled in diagonal rows over the whole page.
          function drawWatermark(context, width, height) {
            var size = Math.max(14, Math.round(width / 36));
            var diagonal = Math.sqrt(width * width + height * height);
            context.save();
            context.fillStyle = "rgba(200, 0, 0, 0.45)";
            context.font = "bold " + size + "px sans-serif";
            var step = context.measureText(watermark).width + size * 3;
            context.translate(width / 2, height / 2);
            context.rotate(-Math.atan2(height, width));
            for (var row = 0, y = -diagonal / 2; y <= diagonal / 2; row += 1, y += size * 4) {
              for (var x = -diagonal / 2 - (row % 2) * step / 2; x <= diagonal / 2; x += step) {
                context.fillText(watermark, x, y);
              }
            }
            context.restore();
          }

          function draw(number) {
            return pdf.getPage(number).then(function (page) {
              var ratio = window.devicePixelRatio || 1;
              var fit = Math.min(2, Math.max(0.5, (viewer.clientWidth || 800) / page.getViewport({ scale: 1 }).width));
              var viewport = page.getViewport({ scale: fit * ratio });
              canvas.width = Math.floor(viewport.width);
              canvas.height = Math.floor(viewport.height);
              canvas.style.width = Math.floor(viewport.width / ratio) + "px";
              var context = canvas.getContext("2d");
              return page.render({ canvasContext: context, viewport: viewport }).promise.then(function () {
                drawWatermark(context, canvas.width, canvas.height);
                current = number;
                canvas.setAttribute("aria-label", label(number) + " — " + watermark);
                canvas.hidden = false;
                state.textContent = label(number);
                previous.disabled = number <= 1;
                next.disabled = number >= pdf.numPages;
                viewer.dataset.drawn = String(number);
              });
            });
          }

          function show(number) {
            drawing = drawing.then(function () { return draw(number); }).catch(failed);
          }

          function failed() {
            state.textContent = viewer.dataset.failed;
            canvas.hidden = true;
          }

          previous.addEventListener("click", function () { if (current > 1) { show(current - 1); } });
          next.addEventListener("click", function () { if (pdf && current < pdf.numPages) { show(current + 1); } });
          fetch(viewer.dataset.src, { credentials: "same-origin", cache: "no-store" }).then(function (answer) {
            if (!answer.ok) { throw new Error(String(answer.status)); }
            return answer.arrayBuffer();
          }).then(function (bytes) {
            return window.pdfjsLib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
          }).then(function (loaded) {
            pdf = loaded;
            show(1);
          }).catch(failed);
        })();
        """

    /// `body` as JavaScript.
    static func javaScript(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// The PDF reader script.
    static func pdfReaderResponse() -> Response { javaScript(ByteBuffer(string: pdfReader)) }
}

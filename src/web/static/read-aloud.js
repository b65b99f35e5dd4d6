// « Écouter » on the self-diagnostic: reads the question and its answers (or the result) aloud with the
// browser's own speech synthesis, in French. Added by script only: without JavaScript or speech, no button.
// Also a « Imprimer » button where the result page leaves a slot for it.
(() => {
  const speech = window.speechSynthesis;
  const textOf = (element) => {
    const legend = element.querySelector("legend");
    const labels = [...element.querySelectorAll("label")].map((l) => l.textContent.trim());
    if (legend) return [legend.textContent.trim(), ...labels].join(". ");
    return [...element.querySelectorAll("h2, li, p")].map((e) => e.textContent.trim()).join(". ");
  };
  if (speech && typeof window.SpeechSynthesisUtterance === "function") {
    for (const element of document.querySelectorAll("[data-read-aloud]")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button button--secondary read-aloud";
      button.textContent = element.querySelector("legend") ? "Écouter la question" : "Écouter le résultat";
      button.addEventListener("click", () => {
        speech.cancel();
        const utterance = new SpeechSynthesisUtterance(textOf(element));
        utterance.lang = "fr-FR";
        utterance.rate = 0.9;
        speech.speak(utterance);
      });
      element.insertAdjacentElement("afterend", button);
    }
  }
  const slot = document.querySelector("[data-print-slot]");
  if (slot && typeof window.print === "function") {
    const print = document.createElement("button");
    print.type = "button";
    print.className = "button button--secondary";
    print.textContent = "Imprimer mon résultat";
    print.addEventListener("click", () => window.print());
    slot.appendChild(print);
  }
})();

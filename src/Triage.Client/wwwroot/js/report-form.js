// Keeps what a member typed in the report form across reloads and dropped connections (until the
// report is filed), suggests the platform from the link, and lets a double tap submit only once.
(() => {
    const form = document.querySelector("[data-report-form]");
    if (!form) return;
    const storageKey = "triage.reportDraft";
    const fields = [...form.querySelectorAll("[data-draft]")];
    const url = form.querySelector("#url");
    const platform = form.querySelector("#platform");
    const submit = form.querySelector("[type=submit]");
    const hosts = JSON.parse(form.dataset.platformHosts || "{}");

    const edited = (field) => field instanceof HTMLSelectElement
        ? [...field.options].some(o => o.selected !== o.defaultSelected)
        : field.value !== field.defaultValue;

    let draft = {};
    try { draft = JSON.parse(localStorage.getItem(storageKey) || "{}"); } catch { draft = {}; }
    // After a refused submit the server echoes what was posted, and a post shared from another app is a new
    // report, not the draft; otherwise the stored draft wins.
    const shared = form.dataset.shared === "true";
    if (form.dataset.posted !== "true" && !shared) {
        for (const field of fields) {
            const value = draft[field.dataset.draft];
            // A member who started typing before this script arrived on a slow connection keeps what they typed.
            if (typeof value === "string" && value !== "" && !edited(field)) field.value = value;
        }
    }
    const save = () => {
        const next = {};
        for (const field of fields) next[field.dataset.draft] = field.value;
        try { localStorage.setItem(storageKey, JSON.stringify(next)); } catch { /* storage full or disabled: the form still works */ }
    };
    save();
    // The shared post is now the draft: a reload must keep the member's edits, not fill the form from the address again.
    if (shared) history.replaceState(history.state, "", location.pathname);
    // A refused submit comes back with its messages; the keyboard and the screen reader start at the first field to mend.
    const refused = form.querySelector("[aria-invalid=true]");
    if (refused) refused.focus();
    form.addEventListener("input", save);
    form.addEventListener("change", save);

    const detect = (text) => {
        let host;
        try { host = new URL(/^[a-z]+:/i.test(text) ? text : "https://" + text).hostname.toLowerCase(); } catch { return ""; }
        for (const [suffix, code] of Object.entries(hosts)) {
            if (host === suffix || host.endsWith("." + suffix)) return code;
        }
        return host.includes(".") ? "web" : "";
    };
    platform.addEventListener("change", () => { platform.dataset.chosen = "true"; });
    url.addEventListener("input", () => {
        if (platform.dataset.chosen === "true") return;
        const code = detect(url.value.trim());
        if (code && [...platform.options].some(o => o.value === code)) { platform.value = code; save(); }
    });

    form.addEventListener("submit", (event) => {
        if (form.dataset.sending === "true") { event.preventDefault(); return; }
        form.dataset.sending = "true";
        submit.disabled = true;
        submit.setAttribute("aria-busy", "true");
        submit.textContent = submit.dataset.sendingLabel || submit.textContent;
    });
    // Coming back with the browser's back button must not leave the form stuck as "sending".
    window.addEventListener("pageshow", () => {
        form.dataset.sending = "false";
        submit.disabled = false;
        submit.removeAttribute("aria-busy");
    });
    // Until here, a link typed would not suggest its platform; tests and scripts wait for this mark.
    form.dataset.ready = "true";
})();

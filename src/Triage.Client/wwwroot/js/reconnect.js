// The desk's own reconnection notice (#components-reconnect-modal in App.razor): Blazor finds it by its id, retries on
// its own schedule (at once, then every 5 s, then every 30 s) and sets its state classes, which triage.css turns into
// words in the reader's language. The page stays in place meanwhile, so what the reader typed stays in its fields.
// This script only gets the circuit back sooner and without the reader: when the network returns or the phone is
// woken, after Blazor has given up, and by reloading when the server no longer knows the circuit.
const panel = document.getElementById("components-reconnect-modal");
const keptKey = "triage.typed:" + location.pathname;

if (panel) {
    let state = "hide";
    restoreTyped();

    // Reaching the server but not the circuit (the server restarted) leaves only a reload. What was typed into the
    // fields marked data-keep goes with it, for this tab only, and is put back once the new circuit shows those fields.
    const reload = () => {
        keepTyped();
        location.reload();
    };

    const retry = async () => {
        if (state !== "failed") return;
        state = "retrying";
        try {
            if (await Blazor.reconnect()) return;
            if (await Blazor.resumeCircuit()) return;
            reload();
        } catch {
            // Still no network: the next "online" or wake-up tries again.
            state = "failed";
        }
    };

    // While Blazor waits between attempts it listens for the page becoming visible and then tries at once; the network
    // coming back is the same signal for a phone that was out of coverage with the screen on.
    const nudge = () => {
        if (state === "failed") retry();
        else if (state !== "hide") document.dispatchEvent(new Event("visibilitychange"));
    };

    panel.addEventListener("components-reconnect-state-changed", (event) => {
        state = event.detail.state;
        if (state === "rejected") reload();
    });
    window.addEventListener("online", nudge);
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible" && state === "failed") retry();
    });
    document.getElementById("components-reconnect-button")?.addEventListener("click", () => {
        state = "failed";
        retry();
    });
}

function keepTyped() {
    const fields = {};
    for (const field of document.querySelectorAll("textarea[data-keep], input[data-keep]")) {
        if (field.value !== "" && !field.readOnly && !field.disabled) fields[field.dataset.keep] = field.value;
    }
    if (Object.keys(fields).length === 0) return;
    try { sessionStorage.setItem(keptKey, JSON.stringify(fields)); } catch { /* storage full or disabled: nothing more to do */ }
}

// The fields appear once the new circuit has rendered the page's data; each is filled as it appears (only if still
// empty) and told so through the events Blazor binds on, then the kept text is dropped.
function restoreTyped() {
    let fields = null;
    try { fields = JSON.parse(sessionStorage.getItem(keptKey) || "null"); } catch { fields = null; }
    if (!fields) return;
    const fill = () => {
        if (!document.querySelector("[data-interactive=true]")) return false;
        for (const [name, value] of Object.entries(fields)) {
            const field = document.querySelector(`[data-keep="${CSS.escape(name)}"]`);
            if (!field) continue;
            if (field.value === "") {
                field.value = value;
                field.dispatchEvent(new Event("input", { bubbles: true }));
                field.dispatchEvent(new Event("change", { bubbles: true }));
            }
            delete fields[name];
        }
        if (Object.keys(fields).length > 0) return false;
        sessionStorage.removeItem(keptKey);
        return true;
    };
    if (fill()) return;
    const watch = new MutationObserver(() => { if (fill()) watch.disconnect(); });
    watch.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-interactive"] });
    // A field that never comes back (the page changed meanwhile) must not keep a watcher running.
    setTimeout(() => { watch.disconnect(); sessionStorage.removeItem(keptKey); }, 60_000);
}

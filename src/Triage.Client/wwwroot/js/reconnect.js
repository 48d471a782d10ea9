// The desk's own reconnection notice (#components-reconnect-modal in App.razor): Blazor finds it by its id, retries on
// its own schedule (at once, then every 5 s, then every 30 s) and sets its state classes, which triage.css turns into
// words in the reader's language. The page stays in place meanwhile, so what the reader typed stays in its fields.
// This script only gets the circuit back sooner and without the reader: when the network returns or the phone is
// woken, after Blazor has given up, and by reloading when the server no longer knows the circuit.
const panel = document.getElementById("components-reconnect-modal");

if (panel) {
    let state = "hide";

    // Reaching the server but not the circuit (the server restarted) leaves only a reload; the report form keeps its
    // draft in the browser, and the other pages hold nothing typed that the server has not already saved.
    const reload = () => location.reload();

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

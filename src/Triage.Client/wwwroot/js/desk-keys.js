// Desk-wide keyboard shortcuts: "?" lists them, "g" then a letter opens a page. A key typed into a field belongs to
// the field, and while a dialog is open the shortcuts are off. On the queue "?" is the queue's own (queue-keys.js),
// whose list includes these; the page decides what each key does (DeskShortcuts).
const typing = (el) => el instanceof Element &&
    el.closest("input, textarea, select, [contenteditable]:not([contenteditable=false]), [role=combobox], [role=listbox]");

export function attach(desk, letters) {
    const targets = new Set(letters);
    // "g" arms the next key; any other key disarms it, so no timing is involved.
    let armed = false;
    const onKey = (e) => {
        if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
        if (typing(e.target) || document.querySelector(".mud-dialog-container")) { armed = false; return; }
        if (e.key === "?") {
            armed = false;
            if (document.body.dataset.queueShortcuts === "on") return;
            e.preventDefault();
            desk.invokeMethodAsync("OnShortcut", "?");
            return;
        }
        if (armed && targets.has(e.key)) {
            armed = false;
            e.preventDefault();
            desk.invokeMethodAsync("OnShortcut", "g " + e.key);
            return;
        }
        armed = e.key === "g";
    };
    document.addEventListener("keydown", onKey);
    // Lets a browser test know when keys start to count, as data-interactive does for clicks.
    document.body.dataset.deskShortcuts = "on";
    return {
        detach: () => {
            document.removeEventListener("keydown", onKey);
            delete document.body.dataset.deskShortcuts;
        },
    };
}

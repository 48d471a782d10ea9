// Keyboard shortcuts of the review queue. A key typed into a field belongs to the field, and while a
// dialog is open the page's shortcuts are off; the page decides what each key does (QueueShortcuts).
const keys = new Set(["j", "k", "x", "a", "c", "?", "/", "Enter"]);
const typing = (el) => el instanceof Element &&
    el.closest("input, textarea, select, [contenteditable]:not([contenteditable=false]), [role=combobox], [role=listbox]");

export function attach(page) {
    const onKey = (e) => {
        if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
        // Enter in a dialog's select submits its form, as Enter in a text field does.
        if (e.key === "Enter" && e.target instanceof HTMLSelectElement && e.target.form?.dataset.enterSubmits === "true") {
            e.preventDefault();
            e.target.form.requestSubmit();
            return;
        }
        // Esc leaves the search box, so the keys that follow move through the results.
        if (e.key === "Escape" && e.target instanceof Element && e.target.id === "queue-search") {
            e.target.blur();
            return;
        }
        if (!keys.has(e.key) || typing(e.target) || document.querySelector(".mud-dialog-container")) return;
        // A focused link or button already does something with Enter (the case link opens the case).
        if (e.key === "Enter" && e.target instanceof Element && e.target.closest("a, button")) return;
        e.preventDefault();
        if (e.key === "/") document.getElementById("queue-search")?.focus();
        else page.invokeMethodAsync("OnShortcut", e.key);
    };
    document.addEventListener("keydown", onKey);
    // Lets a browser test know when keys start to count, as data-interactive does for clicks.
    document.body.dataset.queueShortcuts = "on";
    return {
        detach: () => {
            document.removeEventListener("keydown", onKey);
            delete document.body.dataset.queueShortcuts;
        },
    };
}

// Moves focus to the current case's link, so the row is visible, announced and Enter opens it.
export function focusCase(id) {
    const link = document.querySelector(`[data-case-link="${id}"]`);
    for (const row of document.querySelectorAll("tr[aria-selected]")) row.removeAttribute("aria-selected");
    if (!link) return;
    link.closest("tr")?.setAttribute("aria-selected", "true");
    link.focus({ preventScroll: false });
    link.scrollIntoView({ block: "nearest" });
}

// A live reload may replace the focused row; focus returns to the current case only if it was in the
// grid (or was lost with the row), so a reader typing in the search box or a filter keeps their place.
export function keepFocus(id) {
    const active = document.activeElement;
    const grid = document.querySelector("[data-testid=queue-grid]");
    if (document.querySelector(".mud-dialog-container")) return;
    if (active && active !== document.body && !grid?.contains(active)) return;
    focusCase(id);
}

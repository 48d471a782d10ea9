// Downloads an export with fetch so the page can show real progress: the records received so far,
// counted as the bytes arrive, against the count the server gave beforehand. A record ends at a line
// feed outside quotes (RFC 4180: a quote inside a field is doubled, so toggling on every quote keeps
// the state right, and line breaks inside quoted text are not counted).
export async function download(url, fallbackName, listener) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/csv' } });
    if (!response.ok || !response.body) return { ok: false, status: response.status, rows: 0, bytes: 0, fileName: '' };

    const reader = response.body.getReader();
    const chunks = [];
    let rows = -1; // the header line is not a row
    let bytes = 0;
    let quoted = false;
    let reported = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        for (let i = 0; i < value.length; i++) {
            const b = value[i];
            if (b === 0x22) quoted = !quoted;
            else if (b === 0x0a && !quoted) rows++;
        }
        const now = performance.now();
        if (now - reported > 250) {
            reported = now;
            await listener.invokeMethodAsync('Received', Math.max(rows, 0), bytes);
        }
    }
    rows = Math.max(rows, 0);
    await listener.invokeMethodAsync('Received', rows, bytes);

    const fileName = nameFrom(response.headers.get('Content-Disposition')) || fallbackName;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(chunks, { type: 'text/csv;charset=utf-8' }));
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    return { ok: true, status: response.status, rows, bytes, fileName };
}

function nameFrom(disposition) {
    const match = /filename="?([^";]+)"?/i.exec(disposition || '');
    return match ? match[1] : null;
}

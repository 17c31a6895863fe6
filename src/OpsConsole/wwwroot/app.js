// Radzen's data grid takes our aria-label on its wrapper but puts role="grid" (the element Tab reaches) on an inner
// element with no name, so a screen reader announced an unnamed grid. Name the grid after its wrapper whenever Blazor
// renders one.
(() => {
    const nameGrids = () => {
        for (const grid of document.querySelectorAll('.rz-data-grid[aria-label] > [role=grid]')) {
            const name = grid.parentElement.getAttribute('aria-label');
            if (grid.getAttribute('aria-label') !== name) {
                grid.setAttribute('aria-label', name);
            }
        }
    };
    new MutationObserver(nameGrids).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    nameGrids();
})();

window.opsConsole = {
    // A live page whose sign-in has ended goes to the sign-in page (RedirectToSignIn), unless it is the page that signed
    // out: its own circuit hears the sign-out while the browser follows the post's answer (the "signed out" page, or the
    // identity provider's sign-out), and going to the sign-in page instead cut that short, the provider's session kept.
    signInAgain(url) {
        if (!opsConsole.signingOut) {
            location.assign(url);
        }
    },

    // Focus the element (or the first match of the selector inside it) only when the user's focus has gone: a pressed
    // button that disappeared or became disabled leaves it on the page's body, while someone who has already moved on
    // (or whose button is still there) keeps their place.
    focusIfLost(element, selector) {
        const target = selector ? element?.querySelector(selector) : element;
        const active = document.activeElement;
        if (target && (!active || active === document.body || !active.isConnected)) {
            target.focus();
        }
    },

    // An action's result, shown at the top of its page: focus comes to it when the pressed control has gone (as for
    // focusIfLost); a refusal out of sight is scrolled into it, focus staying on the control to try again. Saving at the
    // foot of a long proposal, a refusal ("Not saved: …") appeared some 1,600 pixels above, and nothing seemed to happen.
    // A refusal that points at what is shown just above it ("what was saved meanwhile is shown above"), marked
    // data-outcome-context, is brought into sight with it: scrolled to the top, the refusal hid that panel and its button.
    showOutcome(region, isError) {
        opsConsole.focusIfLost(region);
        const box = region?.getBoundingClientRect();
        if (!isError || !box) {
            return;
        }
        const before = region.previousElementSibling;
        if (before?.matches('[data-outcome-context]')) {
            const top = before.getBoundingClientRect().top;
            if (top < 0 || box.bottom > window.innerHeight) {
                // Both when they fit; else the refusal at the foot of the screen, the end of the panel (its button) above.
                if (box.bottom - top <= window.innerHeight) {
                    before.scrollIntoView({ block: 'start' });
                } else {
                    region.scrollIntoView({ block: 'end' });
                }
            }
        } else if (box.bottom <= 0 || box.top >= window.innerHeight) {
            region.scrollIntoView({ block: 'start' });
        }
    },

    // Remembers what has focus before a question opens over the page, so that focus can go back to it once the
    // question has gone (see returnFocusWhenGone).
    rememberFocus() {
        opsConsole.focusBeforeDialog = document.activeElement;
    },

    // Resolves once condition() holds, or after giveUpAfter milliseconds when it has not: what waits on it (a question's
    // answer, an action's end) must not hang on a page that never changes. Not animation frames: a hidden tab gets no
    // frames (a tab hidden just after the answer, say), and the console's action waits for this to end.
    waitUntil(condition, giveUpAfter = 2000) {
        return new Promise(resolve => {
            if (condition()) {
                resolve();
                return;
            }

            // The page's changes are watched, not polled on a timer: a tab in the background runs its timers rarely (Chromium
            // throttles them, down to once a minute after a while), and a dialog shown meanwhile waited for the next one.
            const observer = new MutationObserver(() => {
                if (condition()) {
                    done();
                }
            });
            const timer = setTimeout(done, giveUpAfter);
            function done() {
                observer.disconnect();
                clearTimeout(timer);
                resolve();
            }

            observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'id'] });
        });
    },

    // Once no element matches the selector any more (the question Blazor is about to remove), gives focus back to what
    // had it before the question opened, if focus was left on the page's body and that element is still there. Radzen
    // gives focus back itself only sometimes: never after Escape or the close button, and not after a dialog opened
    // earlier, so the next Tab started the page over from its top. Gives up waiting after two seconds.
    async returnFocusWhenGone(selector) {
        const before = opsConsole.focusBeforeDialog;
        opsConsole.focusBeforeDialog = null;
        await opsConsole.waitUntil(() => !document.querySelector(selector));
        const active = document.activeElement;
        if (before?.isConnected && before !== document.body && (!active || active === document.body || !active.isConnected)) {
            before.focus();
        }
    },

    // Focuses the first element matching the selector once it is in the page (a dialog Blazor is about to render),
    // giving up after ten seconds. Two were not always enough: a question's buttons come with a render of the server's
    // that can follow the call by seconds on a busy server, and focus then stayed behind the question. Nothing waits on
    // this but the question's answer, which the question, shown by then, takes as before.
    async focusWhenShown(selector) {
        await opsConsole.waitUntil(() => document.querySelector(selector) !== null, 10000);
        const target = document.querySelector(selector);
        if (!target) {
            return;
        }

        target.focus();
        // Focus stays there until the user moves it. A full CI run caught the question's first button, the act itself
        // ("Revoke"), taking focus some 20 ms after "Keep it" had it, with no key or pointer pressed (the journey logs
        // focus): what the question is for undone. Its source is not found; for a second, focus moved elsewhere in the
        // same question by anything but the user is given back.
        const container = target.closest('.rz-dialog, [role=dialog], [role=alertdialog]') ?? target.parentElement;
        let userMoved = false;
        const moved = () => { userMoved = true; };
        const keep = event => {
            if (!userMoved && event.target !== target && container?.contains(event.target) && target.isConnected) {
                target.focus();
            }
        };
        document.addEventListener('keydown', moved, true);
        document.addEventListener('pointerdown', moved, true);
        document.addEventListener('focusin', keep, true);
        setTimeout(() => {
            document.removeEventListener('keydown', moved, true);
            document.removeEventListener('pointerdown', moved, true);
            document.removeEventListener('focusin', keep, true);
        }, 1000);
    },

    // The item an editor has just opened for the validation report gets the focus (which scrolls it into view): its
    // first field showing a message (the field names its messages with aria-describedby), else its warnings, else its
    // first field.
    focusOpenedItem(panelId) {
        const panel = document.getElementById(panelId);
        const form = panel?.querySelector('form');
        if (!form) {
            return;
        }

        for (const message of form.querySelectorAll('.ops-field-error[id]:not([hidden])')) {
            const described = form.querySelector(`[aria-describedby~="${CSS.escape(message.id)}"]`);
            const control = described?.matches('input, textarea, select, button') ? described : described?.querySelector('input, textarea, select, button');
            if (control) {
                control.focus();
                return;
            }
        }

        const warnings = panel.querySelector('[data-testid=item-warnings]');
        if (warnings) {
            warnings.tabIndex = -1;
            warnings.focus();
            return;
        }

        form.querySelector('input, textarea, select, button')?.focus();
    },

    // The section of the proposal open now, kept in the address's fragment (#tab=channels) so that it survives the
    // language switch, which reloads the page. replaceState adds no history entry and keeps Blazor's own state.
    rememberSection(name) {
        history.replaceState(history.state, '', `${location.pathname}${location.search}#tab=${name}`);
    },

    rememberedSection() {
        const match = /^#tab=([a-z-]+)$/.exec(location.hash);
        return match ? match[1] : null;
    },

    // Unsaved edits of a change request, kept in this tab's session storage (gone when the tab closes) so that a page
    // opened again in the tab (after the server restarted, the circuit was dropped, the sign-in ran out, the language
    // changed) gets them back. Answers whether they are kept, which the page tells the user when they are not.
    keepDraft(key, value) {
        try {
            sessionStorage.setItem(key, value);
            return true;
        } catch {
            // Over the storage quota (or storage refused altogether). The browser leaves the older copy under the key,
            // which a page opened again would bring back as "your unsaved edits", without the ones made since (the large
            // import that did not fit, say), to be saved as if it were all of them. Dropped: what comes back is the latest
            // edits or nothing, and the page has said these are not kept.
            try {
                sessionStorage.removeItem(key);
            } catch {
                // No storage to drop it from.
            }

            return false;
        }
    },

    // In parts: a circuit takes only small messages from the browser.
    keptDraftPart(key, offset, length) {
        const value = sessionStorage.getItem(key);
        return value === null ? null : value.substring(offset, offset + length);
    },

    dropDraft(key) {
        sessionStorage.removeItem(key);
    },
};

// A keystroke in a field inside an element marked data-typing is told to that element as an 'opstyped' event of its own,
// which carries nothing: Blazor sends a form field's whole value with every event raised on the field (the input event's
// value, and the field's value for its render tree, even with a custom event type), megabytes at each keystroke in the
// JSON of a large proposal, where the page only needs to know that something was typed (ChangeRequestPage).
document.addEventListener('input', event => {
    const field = event.target;
    const area = field instanceof Element ? field.parentElement?.closest('[data-typing]') : null;
    // Bubbling: Blazor listens for it on the document.
    area?.dispatchEvent(new Event('opstyped', { bubbles: true }));
});

// The language switch returns to the page's address as the server knows it, which has no fragment: carry the
// fragment (the open section) along.
document.addEventListener('submit', event => {
    const form = event.target;
    // Signing out leaves no one's drafts behind in the tab for whoever uses the machine next.
    if (form instanceof HTMLFormElement && form.classList.contains('ops-sign-out')) {
        // This page's own sign-in ends with the post: it must not then send itself to the sign-in page (see signInAgain).
        opsConsole.signingOut = true;
        for (const key of Object.keys(sessionStorage).filter(k => k.startsWith('opsconsole.draft.'))) {
            sessionStorage.removeItem(key);
        }
    }

    const returnUrl = form instanceof HTMLFormElement && form.classList.contains('ops-language') ? form.querySelector('input[name=returnUrl]') : null;
    if (returnUrl && location.hash) {
        returnUrl.value = returnUrl.value.split('#')[0] + location.hash;
    }
}, true);


// The console's own reconnection notice (App.razor) in place of Blazor's English one, behaving as that one did: a retry
// asked for by the button or when the tab is looked at again after the attempts ran out, and a reload when the server no
// longer knows the page (Blazor only sets the classes on a notice of one's own).
(() => {
    const notice = document.getElementById('components-reconnect-modal');
    if (!notice) {
        return;
    }

    const retry = async () => {
        document.removeEventListener('visibilitychange', retryWhenVisible);
        try {
            if (!await Blazor.reconnect()) {
                location.reload();
            }
        } catch {
            notice.classList.remove('components-reconnect-show');
            notice.classList.add('components-reconnect-failed');
        }
    };
    const retryWhenVisible = () => {
        if (document.visibilityState === 'visible') {
            retry();
        }
    };
    notice.querySelector('[data-reconnect]')?.addEventListener('click', () => {
        notice.classList.remove('components-reconnect-failed');
        notice.classList.add('components-reconnect-show');
        retry();
    });
    new MutationObserver(() => {
        if (notice.classList.contains('components-reconnect-rejected')) {
            location.reload();
        } else if (notice.classList.contains('components-reconnect-failed')) {
            document.addEventListener('visibilitychange', retryWhenVisible);
        }
    }).observe(notice, { attributes: true, attributeFilter: ['class'] });
})();

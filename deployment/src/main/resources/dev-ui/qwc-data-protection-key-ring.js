import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/button';
import '@vaadin/confirm-dialog';

/**
 * The data protection key ring: its status, every key as a table (dates, default, encryption at rest, usable or
 * why not), and the operator's actions. Shows no key material: the JSON-RPC service returns none.
 */
export class QwcDataProtectionKeyRing extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 10px; padding: 10px; height: 100%; }
        .status { display: grid; grid-template-columns: max-content auto; column-gap: 16px; row-gap: 2px; }
        .status dt { font-weight: bold; }
        .status dd { margin: 0; }
        .ready { color: var(--lumo-success-text-color); }
        .not-ready { color: var(--lumo-error-text-color); }
        .actions { display: flex; gap: 8px; }
        .keys { flex: 1; min-height: 200px; }
        .problem { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _keys: { state: true },
        _status: { state: true },
        _revokeId: { state: true },
        _confirmRevokeAll: { state: true },
        _error: { state: true }
    };

    constructor() {
        super();
        this._keys = null;
        this._status = null;
        this._revokeId = null;
        this._confirmRevokeAll = false;
        this._error = null;
    }

    connectedCallback() {
        super.connectedCallback();
        this._reload();
    }

    _reload() {
        this.jsonRpc.list()
            .then(response => { this._keys = response.result; return this.jsonRpc.status(); })
            .then(response => { this._status = response.result; this._error = null; })
            .catch(error => { this._error = this._message(error); });
    }

    render() {
        return html`
            ${this._error ? html`<div id="error" class="problem">${this._error}</div>` : ''}
            ${this._renderStatus()}
            <div class="actions">
                <vaadin-button id="create" theme="primary" @click=${this._create}>Create a key</vaadin-button>
                <vaadin-button id="revoke-all" theme="error" @click=${() => this._confirmRevokeAll = true}>
                    Revoke all keys</vaadin-button>
                <vaadin-button id="refresh" theme="tertiary" @click=${this._reload}>Refresh</vaadin-button>
            </div>
            ${this._renderKeys()}
            <vaadin-confirm-dialog header="Revoke key ${this._revokeId ?? ''}?" cancel-button-visible
                confirm-text="Revoke" confirm-theme="error primary" .opened=${this._revokeId !== null}
                @confirm=${this._revoke} @cancel=${() => this._revokeId = null}>
                Payloads protected with this key will no longer unprotect, here and on every instance sharing the
                key ring. This cannot be undone.
            </vaadin-confirm-dialog>
            <vaadin-confirm-dialog header="Revoke every key?" cancel-button-visible confirm-text="Revoke all"
                confirm-theme="error primary" .opened=${this._confirmRevokeAll}
                @confirm=${this._revokeAll} @cancel=${() => this._confirmRevokeAll = false}>
                Every payload protected until now will no longer unprotect, on every instance sharing the key ring.
                This cannot be undone.
            </vaadin-confirm-dialog>`;
    }

    _renderStatus() {
        const s = this._status;
        if (!s) {
            return html`<div>Loading the key ring…</div>`;
        }
        return html`
            <dl class="status" id="status">
                <dt>Ready</dt>
                <dd class="${s.ready ? 'ready' : 'not-ready'}">${s.ready ? 'yes' : 'no'}</dd>
                <dt>Store</dt><dd>${s.store}</dd>
                <dt>Key encryption</dt><dd>${s.keyEncryption}</dd>
                <dt>Application name</dt><dd>${s.applicationName ?? '(none)'}</dd>
                <dt>Keys</dt><dd>${s.keyCount}</dd>
                <dt>Default key</dt><dd>${s.defaultKeyId ?? '(none)'}
                    ${s.defaultKeyExpiration ? html`, expires ${s.defaultKeyExpiration}` : ''}</dd>
                <dt>Next key activates</dt><dd>${s.nextKeyActivation ?? '(no successor yet)'}</dd>
                <dt>Last refresh</dt><dd>${s.lastRefresh ?? '(never)'}</dd>
                ${this._problem('Last refresh error', s.lastRefreshError)}
                ${this._problem('Fault', s.fault)}
                ${this._problem('Key creation blocked', s.keyCreationBlocked)}
                ${(s.warnings ?? []).map(w => this._problem('Warning', w))}
                <dt>Purposes (build time)</dt>
                <dd id="purposes">${s.purposes.length ? s.purposes.join(', ') : '(no @Protector injection points)'}</dd>
            </dl>`;
    }

    _problem(label, value) {
        return value ? html`<dt class="problem">${label}</dt><dd class="problem">${value}</dd>` : '';
    }

    _renderKeys() {
        if (!this._keys) {
            return '';
        }
        return html`
            <vaadin-grid id="keys" class="keys" .items=${this._keys} theme="row-stripes compact" all-rows-visible>
                <vaadin-grid-sort-column header="Id" path="id" auto-width resizable></vaadin-grid-sort-column>
                <vaadin-grid-column header="Default" auto-width
                    ${columnBodyRenderer(k => html`${k.defaultKey ? 'yes' : ''}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Usable / why not" auto-width resizable
                    ${columnBodyRenderer(k => html`<span class="${k.usable ? '' : 'problem'}">${k.state}</span>`, [])}>
                    </vaadin-grid-column>
                <vaadin-grid-sort-column header="Activation" path="activation" auto-width
                    ${columnBodyRenderer(k => html`${this._date(k.activation)}`, [])}></vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Expiration" path="expiration" auto-width
                    ${columnBodyRenderer(k => html`${this._date(k.expiration)}`, [])}></vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Created" path="created" auto-width
                    ${columnBodyRenderer(k => html`${this._date(k.created)}`, [])}></vaadin-grid-sort-column>
                <vaadin-grid-column header="Revoked" auto-width
                    ${columnBodyRenderer(k => html`${k.revoked ? 'yes' : ''}`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Algorithms" path="algorithms" auto-width></vaadin-grid-column>
                <vaadin-grid-column header="Encrypted with" path="encryptedWith" auto-width resizable>
                    </vaadin-grid-column>
                <vaadin-grid-column header="" auto-width
                    ${columnBodyRenderer(k => k.revoked ? '' : html`<vaadin-button theme="error small"
                        @click=${() => this._revokeId = k.id}>Revoke</vaadin-button>`, [])}></vaadin-grid-column>
            </vaadin-grid>`;
    }

    /** ISO-8601 to the second: the fraction only widens the table. */
    _date(iso) {
        return iso ? iso.replace(/\.\d+Z$/, 'Z') : '';
    }

    _create() {
        this.jsonRpc.create()
            .then(response => {
                notifier.showSuccessMessage('Created key ' + response.result.id);
                this._reload();
            })
            .catch(error => notifier.showErrorMessage(this._message(error)));
    }

    _revoke() {
        const id = this._revokeId;
        this._revokeId = null;
        this.jsonRpc.revoke({ id: id })
            .then(() => {
                notifier.showWarningMessage('Revoked key ' + id);
                this._reload();
            })
            .catch(error => notifier.showErrorMessage(this._message(error)));
    }

    _revokeAll() {
        this._confirmRevokeAll = false;
        this.jsonRpc.revokeAll()
            .then(() => {
                notifier.showWarningMessage('Revoked every key');
                this._reload();
            })
            .catch(error => notifier.showErrorMessage(this._message(error)));
    }

    _message(error) {
        return error?.error?.message ?? error?.message ?? String(error);
    }
}
customElements.define('qwc-data-protection-key-ring', QwcDataProtectionKeyRing);

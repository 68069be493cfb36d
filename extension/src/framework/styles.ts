// Styles of Vigie's shadow roots. Colours by severity; the underline drawn by the overlay is
// visible only where the CSS Custom Highlight API is missing (or for textareas).

export const SEVERITY_COLOURS = {
  critical: "#c5221f",
  warning: "#e37400",
  info: "#1a73e8",
} as const;

export const LAYER_CSS = `
:host { all: initial; }
.mark {
  position: fixed;
  pointer-events: none;
  box-sizing: border-box;
}
.mark.drawn { border-bottom: 2px solid var(--colour); background: color-mix(in srgb, var(--colour) 12%, transparent); }
.mark[data-vigie-severity="critical"] { --colour: ${SEVERITY_COLOURS.critical}; }
.mark[data-vigie-severity="warning"] { --colour: ${SEVERITY_COLOURS.warning}; }
.mark[data-vigie-severity="info"] { --colour: ${SEVERITY_COLOURS.info}; }
.mark.drawn[data-vigie-severity="critical"] { border-bottom-style: solid; }
.mark.drawn[data-vigie-severity="warning"] { border-bottom-style: dashed; }
.mark.drawn[data-vigie-severity="info"] { border-bottom-style: dotted; }
.card {
  position: fixed;
  pointer-events: auto;
  max-width: 360px;
  box-sizing: border-box;
  padding: 12px 14px;
  border-radius: 8px;
  border-left: 4px solid var(--colour);
  background: #fff;
  color: #202124;
  box-shadow: 0 4px 16px rgba(0,0,0,.25);
  font: 14px/1.4 system-ui, sans-serif;
}
.card[hidden] { display: none; }
.card[data-vigie-severity="critical"] { --colour: ${SEVERITY_COLOURS.critical}; }
.card[data-vigie-severity="warning"] { --colour: ${SEVERITY_COLOURS.warning}; }
.card[data-vigie-severity="info"] { --colour: ${SEVERITY_COLOURS.info}; }
.card .label { font-weight: 600; color: var(--colour); margin: 0 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.card .message { margin: 0 0 6px; font-weight: 600; }
.card .guide, .card .suggestion { margin: 0 0 6px; }
.card a { color: #1a73e8; }
.card .actions { display: flex; justify-content: flex-end; }
.card button { font: inherit; border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
.card button:focus-visible, .card a:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.live { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.mirror { position: fixed; visibility: hidden; pointer-events: none; overflow: hidden; white-space: pre-wrap; overflow-wrap: break-word; }
`;

export const DIALOG_CSS = `
:host { all: initial; }
.backdrop {
  position: fixed; inset: 0; pointer-events: auto;
  background: rgba(32,33,36,.45);
  display: flex; align-items: center; justify-content: center;
  font: 14px/1.45 system-ui, sans-serif; color: #202124;
}
.dialog {
  background: #fff; border-radius: 10px; width: min(520px, calc(100vw - 32px));
  max-height: calc(100vh - 48px); overflow: auto; box-sizing: border-box; padding: 20px 22px;
  box-shadow: 0 8px 32px rgba(0,0,0,.35);
}
h2 { font-size: 18px; margin: 0 0 8px; }
p { margin: 0 0 10px; }
ul { margin: 0 0 12px; padding-left: 0; list-style: none; }
li { border-left: 4px solid var(--colour); padding: 4px 10px; margin-bottom: 8px; background: #f8f9fa; }
li[data-vigie-severity="critical"] { --colour: ${SEVERITY_COLOURS.critical}; }
li[data-vigie-severity="warning"] { --colour: ${SEVERITY_COLOURS.warning}; }
li[data-vigie-severity="info"] { --colour: ${SEVERITY_COLOURS.info}; }
.excerpt { font-family: ui-monospace, monospace; background: #fff; padding: 0 3px; }
label { display: flex; gap: 8px; align-items: flex-start; margin: 8px 0; }
textarea { width: 100%; box-sizing: border-box; font: inherit; min-height: 3em; }
.buttons { display: flex; gap: 10px; justify-content: flex-end; margin-top: 14px; flex-wrap: wrap; }
button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid #dadce0; background: #fff; cursor: pointer; }
button.primary { background: #1a73e8; border-color: #1a73e8; color: #fff; }
button:disabled { opacity: .5; cursor: not-allowed; }
button:focus-visible, input:focus-visible, textarea:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
`;

/** The attach card (added to DIALOG_CSS) and its "too large" notice. */
export const ATTACH_CSS = `
:host { all: initial; }
h3 { font-size: 14px; margin: 12px 0 6px; overflow-wrap: anywhere; }
.dialog:focus { outline: none; }
.thumb-frame { max-width: 100%; max-height: 240px; overflow: auto; margin: 0 0 8px; line-height: 0; }
.thumb { position: relative; display: inline-block; }
.thumb img { max-width: 160px; max-height: 120px; border-radius: 4px; }
.thumb.wide img { max-width: none; height: 60px; }
.thumb.tall img { max-height: none; width: 60px; }
.region { position: absolute; border: 2px solid var(--colour); box-sizing: border-box; }
.region[data-vigie-severity="critical"] { --colour: ${SEVERITY_COLOURS.critical}; }
.region[data-vigie-severity="warning"] { --colour: ${SEVERITY_COLOURS.warning}; }
.region[data-vigie-severity="info"] { --colour: ${SEVERITY_COLOURS.info}; }
.note { background: #fef7e0; padding: 6px 10px; border-radius: 4px; }
.error:empty { display: none; }
.error { color: ${SEVERITY_COLOURS.critical}; font-weight: 600; }
.notice {
  position: fixed; right: 16px; bottom: 16px; max-width: 380px; pointer-events: auto;
  padding: 10px 14px; border-radius: 8px; border-left: 4px solid ${SEVERITY_COLOURS.info};
  background: #fff; color: #202124; box-shadow: 0 4px 16px rgba(0,0,0,.25);
  font: 14px/1.4 system-ui, sans-serif;
}
.notice button { font: inherit; border: 1px solid #dadce0; background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
`;

// Inside the shadow root, so the host page's CSS cannot reach it and ours cannot leak out.
export const css = `
:host { all: initial; }
* { box-sizing: border-box; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 56px; height: 56px; border-radius: 50%;
  border: 0; background: #2f4858; color: #fff; cursor: pointer; box-shadow: 0 4px 16px rgba(0,0,0,.25); }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.launcher .badge { position: absolute; top: 4px; right: 4px; width: 12px; height: 12px; border-radius: 50%; background: #e4572e; }
.panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483000; width: 360px; max-width: calc(100vw - 24px);
  height: 520px; max-height: calc(100vh - 110px); display: flex; flex-direction: column; background: #fff; color: #1d2330;
  border-radius: 12px; box-shadow: 0 8px 32px rgba(0,0,0,.25); overflow: hidden; }
.panel[hidden], [hidden] { display: none !important; }
.head { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px; background: #2f4858; color: #fff; }
.head h2 { margin: 0; font-size: 16px; font-weight: 600; }
.head button { background: none; border: 0; color: inherit; font-size: 22px; cursor: pointer; line-height: 1; }
.body { flex: 1; overflow-y: auto; padding: 12px 16px; }
.notice { margin: 0 0 8px; padding: 8px 10px; border-radius: 8px; background: #fff4d6; }
.greeting { margin: 0 0 8px; color: #4a5568; }
form.prechat label { display: block; margin: 10px 0 4px; }
form.prechat input[type=text], form.prechat input[type=email], form.prechat input[type=tel] { width: 100%; padding: 8px; border: 1px solid #b8c0cc; border-radius: 6px; }
form.prechat .check { display: flex; gap: 8px; align-items: flex-start; font-size: 13px; }
form.prechat .check input { margin-top: 3px; }
.hint { font-size: 13px; color: #4a5568; margin: 8px 0 0; }
.error { color: #b42318; font-size: 13px; margin: 4px 0 0; }
.primary { margin-top: 12px; width: 100%; padding: 10px; border: 0; border-radius: 6px; background: #2f4858; color: #fff; cursor: pointer; }
ol.log { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 6px; }
ol.log li { max-width: 80%; padding: 8px 10px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }
ol.log li.visitor { align-self: flex-end; background: #dcebf5; }
ol.log li.agent { align-self: flex-start; background: #f0f0f0; }
ol.log li.failed { background: #fde2e1; }
ol.log li .file { display: block; margin-top: 4px; }
ol.log li .file a { color: inherit; }
ol.log li button { display: block; margin-top: 4px; background: none; border: 0; color: #b42318; text-decoration: underline; cursor: pointer; padding: 0; font-size: 13px; }
.older { background: none; border: 0; color: #2f4858; text-decoration: underline; cursor: pointer; margin-bottom: 8px; }
.typing { min-height: 20px; padding: 0 16px; font-size: 13px; color: #4a5568; }
form.compose { display: flex; gap: 8px; padding: 8px 12px 12px; border-top: 1px solid #e2e8f0; }
form.compose textarea { flex: 1; resize: none; height: 44px; padding: 8px; border: 1px solid #b8c0cc; border-radius: 6px; }
form.compose button { padding: 0 14px; border: 0; border-radius: 6px; background: #2f4858; color: #fff; cursor: pointer; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
:focus-visible { outline: 2px solid #e4572e; outline-offset: 2px; }
`;

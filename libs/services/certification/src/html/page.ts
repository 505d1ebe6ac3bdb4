/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.text : escapeHtml(x))).join('') : v instanceof Html ? v.text : escapeHtml(v);
    out += part + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

const STYLE = `
  :root { --red: #b3121f; --ink: #1d1d1f; --muted: #6b6b70; --line: #e4dccb; --paper: #fdfaf3; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "PingFang SC", "Noto Sans SC", "Microsoft YaHei", "Source Han Sans SC", sans-serif; color: var(--ink); background: #f4f1ea; line-height: 1.6; }
  header { background: var(--red); color: #fff; padding: 14px 0; }
  header .wrap { display: flex; align-items: baseline; gap: 16px; }
  header strong { font-size: 18px; letter-spacing: 2px; }
  header span { opacity: .85; font-size: 13px; }
  .wrap { max-width: 960px; margin: 0 auto; padding: 0 20px; }
  main { background: var(--paper); margin: 24px auto; padding: 28px 32px 36px; border: 1px solid var(--line); border-radius: 4px; }
  h1 { font-size: 22px; text-align: center; margin: 4px 0 8px; letter-spacing: 1px; }
  .meta { text-align: center; color: var(--muted); font-size: 13px; margin-bottom: 20px; }
  p { margin: 10px 0; text-indent: 2em; }
  table { width: 100%; border-collapse: collapse; margin: 18px 0; font-size: 14px; background: #fff; }
  th, td { border: 1px solid var(--line); padding: 8px 10px; text-align: left; }
  th { background: #f3ece0; font-weight: 600; white-space: nowrap; }
  tbody tr:nth-child(even) { background: #fcf9f4; }
  td.num { text-align: center; width: 3em; color: var(--muted); }
  .badge { display: inline-block; padding: 4px 14px; border-radius: 14px; font-weight: 600; letter-spacing: 1px; }
  .VALID { background: #e5f4ea; color: #17693a; } .REVOKED { background: #fde8e8; color: #a61b1b; }
  .ALTERED { background: #fff1dc; color: #8a4b00; } .UNKNOWN { background: #ececef; color: #4a4a50; }
  .status { text-align: center; margin: 10px 0 18px; font-size: 18px; }
  dl { display: grid; grid-template-columns: 9em 1fr; gap: 8px 16px; margin: 18px auto; max-width: 560px; font-size: 15px; }
  dt { color: var(--muted); text-align: right; } dd { margin: 0; font-weight: 500; }
  .sign { text-align: right; margin-top: 28px; } .sign div { margin: 2px 0; }
  footer { text-align: center; color: var(--muted); font-size: 12px; padding: 8px 0 28px; }
`;

/** A whole page of the public site: header, the content in a sheet, footer. */
export function page(title: string, body: Html, site = '北京市人力资源和社会保障局'): string {
  return `<!DOCTYPE html>${html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${new Html(STYLE)}</style></head>
<body><header><div class="wrap"><strong>${site}</strong><span>北京市工程技术系列(人工智能)专业技术资格评价</span></div></header>
<div class="wrap"><main>${body}</main></div>
<footer>本页面由评价系统根据事件记录生成，身份证号码已作脱敏处理。</footer></body></html>`.text}`;
}

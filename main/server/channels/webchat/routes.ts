// What the hub serves for the web chat: the widget script embedders load with one tag, and a demo shop
// page that embeds it the same way.
import type { FastifyInstance } from 'fastify';
import { loadWidget } from './build.ts';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function demoPage(accountId: string): string {
  // No inline script: the hub's CSP allows scripts from 'self' only; inline styles are allowed.
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Демо-магазин — веб-чат Threadline</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f4ef; }
header { background: #2f4858; color: #fff; padding: 16px 32px; }
main { max-width: 880px; margin: 0 auto; padding: 24px 32px; }
.goods { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 16px; }
.goods article { background: #fff; border-radius: 8px; padding: 16px; }
</style>
</head>
<body>
<header><h1>Демо-магазин «Уютный дом»</h1></header>
<main>
<p>Это демонстрационная витрина: откройте чат в правом нижнем углу и напишите оператору.</p>
<section class="goods" aria-label="Товары">
<article><h2>Плед шерстяной</h2><p>2 490 ₽</p></article>
<article><h2>Набор кружек</h2><p>1 290 ₽</p></article>
<article><h2>Настольная лампа</h2><p>3 750 ₽</p></article>
</section>
</main>
<script src="/webchat/widget.js" data-account="${escapeHtml(accountId)}" data-locale="ru" defer></script>
</body>
</html>
`;
}

export function registerWebchatRoutes(app: FastifyInstance, accounts: () => Array<{ id: string }>): void {
  app.get('/webchat/widget.js', async (request, reply) => {
    const widget = await loadWidget();
    // The URL is fixed in embedders' pages, so caching is bounded and revalidated by ETag.
    reply.header('ETag', widget.etag).header('Cache-Control', 'public, max-age=86400');
    if (request.headers['if-none-match'] === widget.etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(widget.code);
  });

  app.get<{ Querystring: { account?: string } }>('/webchat/demo.html', async (request, reply) => {
    const wanted = request.query.account;
    const account = wanted ? accounts().find((a) => a.id === wanted) : accounts()[0];
    if (!account) return reply.code(404).type('text/plain; charset=utf-8').send('No web chat is set up on this hub');
    return reply.type('text/html; charset=utf-8').send(demoPage(account.id));
  });
}

import { join, resolve, sep } from 'node:path';
import express, { type Express } from 'express';

/**
 * Serves the built web app (`npm run build:ui` → dist/ui): hashed assets cached for a year,
 * everything else revalidated, and every other non-API path answered with index.html so the
 * app's own routes work on reload. The app routes by URL hash, so client-link tokens never
 * reach the server in a path.
 */
export function mountWebApp(app: Express, dir: string): void {
  // Judged inside the app's folder only: a folder named "assets" above it must not count.
  const assets = join(resolve(dir), 'assets') + sep;
  app.use(
    express.static(dir, {
      index: 'index.html',
      // Only Vite's hashed files under assets/ never change; the rest (index.html, the
      // preview frame's stylesheet) keep their names across versions, so they are revalidated.
      setHeaders: (res, path) =>
        res.setHeader(
          'Cache-Control',
          resolve(path).startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    }),
  );
  app.get(/^\/(?!api\/|api$|preview\/|health$).*/, (_req, res) => {
    res.sendFile('index.html', { root: dir, headers: { 'Cache-Control': 'no-cache' } });
  });
}

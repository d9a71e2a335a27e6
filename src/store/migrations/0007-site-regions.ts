import type { Kysely, Migration } from 'kysely';

/**
 * Issue 23 "A region is something a site has": the regions sitedesk found on a site's pages
 * (one row per site, page and region name; the id stays while the region does), with the last
 * known content and whether its markers are still there. Content items of kind `region` and
 * region schedules name their regions in `region_ids` (JSON text of ids).
 */
export const siteRegionsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('site_regions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id'))
      .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
      .addColumn('page_ref', 'text', (c) => c.notNull())
      .addColumn('page_kind', 'text', (c) => c.notNull())
      .addColumn('page_title', 'text', (c) => c.notNull())
      .addColumn('page_url', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('problem', 'text')
      .addColumn('checked_at', 'text', (c) => c.notNull())
      .addColumn('changed_at', 'text')
      .addColumn('last_task_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('site_regions_site_page_name', ['site_id', 'page_ref', 'name'])
      .execute();
    await db.schema
      .createIndex('site_regions_client')
      .on('site_regions')
      .columns(['client_id', 'site_id'])
      .execute();
    await db.schema.alterTable('content_items').addColumn('region_ids', 'text').execute();
    await db.schema.alterTable('schedules').addColumn('region_ids', 'text').execute();
  },
};

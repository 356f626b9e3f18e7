// A consuming site's renderers on the TypeScript types generated from Sen's OpenAPI documents
// (openapi-typescript) and openapi-fetch. Checked by `tsc --strict` in tests/cms/api/test_clients.py:
// no cast (`as`), no `any`; each block of an article body is narrowed by its `type`.
import createClient from "openapi-fetch";
import type { components as V2, paths as V2Paths } from "./v2";
import type { components as SenTypes, paths as SenPaths } from "./sen";

type Page = V2Paths["/api/v2/pages/{id}/"]["get"]["responses"][200]["content"]["application/json"];
type NewsPage = V2["schemas"]["articles_NewsPage"];
type CenterPage = V2["schemas"]["centers_CenterPage"];
type LegalDocument = V2["schemas"]["documents_LegalDocumentPage"];
type Block = NonNullable<NewsPage["body"]>[number];
type ImageRef = V2["schemas"]["ImageRef"];
type SearchResults = SenTypes["schemas"]["SearchResults"];

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c] ?? c);

export function picture(image: ImageRef | null | undefined, alt = ""): string {
  const best = image?.renditions.full ?? image?.renditions.card;
  if (!image || !best) return "";
  return `<img src="${escape(best.url)}" width="${best.width}" height="${best.height}" alt="${escape(alt || image.alt)}">`;
}

export function block(item: Block): string {
  switch (item.type) {
    case "paragraph":
      return item.value;
    case "image":
      return `<figure>${picture(item.value.image, item.value.alt)}<figcaption>${escape(item.value.caption)}</figcaption></figure>`;
    case "gallery":
      return item.value.map((photo) => `<figure>${picture(photo.image, photo.alt)}</figure>`).join("");
    case "video":
      return item.value.source
        ? `<video controls src="${escape(item.value.source)}"></video>`
        : `<a href="${escape(item.value.embed_url ?? "")}">${picture(item.value.poster)}</a>`;
    case "quote":
      return `<blockquote>${escape(item.value.quote)}<cite>${escape(item.value.attribution)}</cite></blockquote>`;
    case "table":
      return `<table>${item.value.data.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell ?? "")}</td>`).join("")}</tr>`).join("")}</table>`;
    case "document":
      return `<a href="${escape(item.value.url ?? "")}">${escape(item.value.title)} (${escape(item.value.file_extension ?? "")})</a>`;
  }
}

export function article(page: NewsPage): string {
  return `<h1>${escape(page.title ?? "")}</h1>${picture(page.main_image)}${(page.body ?? []).map(block).join("")}`;
}

export function centre(page: CenterPage): string {
  const rows = (page.yearly_reports ?? [])
    .map((report) => `<tr><th>${escape(report.school_year)}</th><td>${report.total_classes}</td><td>${report.attendances}</td></tr>`)
    .join("");
  return `<h1>${escape(page.title ?? "")}</h1><p>${escape(page.province?.full_name ?? "")}</p><table>${rows}</table>`;
}

export function legalDocument(page: LegalDocument): string {
  const files = (page.attachments ?? []).map((file) => `<li><a href="${escape(file.url)}">${escape(file.label)}</a> ${file.type}</li>`);
  return `<h1>${escape(page.number ?? "")}</h1><p>${escape(page.status?.label ?? "")} · ${escape(page.date_issued?.long ?? "")}</p><ul>${files.join("")}</ul>`;
}

export function searchPage(results: SearchResults): string {
  const facets = results.facets.map((facet) => `<li>${escape(facet.label)} (${facet.count})</li>`).join("");
  const hits = results.items.map((hit) => `<li><a href="${escape(hit.html_url ?? hit.api_url)}">${hit.title_html}</a> ${hit.excerpt_html}</li>`);
  return `<p>${results.total}</p><ul>${facets}</ul><ol>${hits.join("")}</ol>`;
}

// Which page type a detail is: a type predicate on the `meta.type` the document fixes per type.
const isNews = (page: Page): page is NewsPage => page.meta?.type === "articles.NewsPage";
const isCentre = (page: Page): page is CenterPage => page.meta?.type === "centers.CenterPage";
const isDocument = (page: Page): page is LegalDocument => page.meta?.type === "documents.LegalDocumentPage";

export async function renderPage(baseUrl: string, id: number): Promise<string> {
  const v2 = createClient<V2Paths>({ baseUrl });
  const { data, error } = await v2.GET("/api/v2/pages/{id}/", { params: { path: { id }, query: { fields: "*" } } });
  if (error || !data) return `<p>${escape(error?.detail ?? "")}</p>`;
  if (isNews(data)) return article(data);
  if (isCentre(data)) return centre(data);
  if (isDocument(data)) return legalDocument(data);
  return `<h1>${escape(data.title ?? "")}</h1>`;
}

export async function renderSearch(baseUrl: string, q: string): Promise<string> {
  const sen = createClient<SenPaths>({ baseUrl });
  const { data, error } = await sen.GET("/api/sen/search", { params: { query: { q } } });
  return data ? searchPage(data) : `<p>${escape(error?.detail ?? "")}</p>`;
}

// Markdown remediation as terminal text: code fences dropped, their lines indented, so a terminal shows code, not ```.

/** Drops ``` / ~~~ fence lines and indents what they enclosed by two spaces; other lines are kept as they are. */
export function plainMarkdown(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === null || marker.startsWith(fence))) {
      fence = fence === null ? marker : null;
      continue;
    }
    out.push(fence !== null ? `  ${line}` : line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

// claimwatch dashboard: plain DOM, no framework, no build step.
// Every piece of data goes into the page as text (textContent / Text nodes), never as HTML,
// so an article that contains "<script>" shows those characters and runs nothing.
"use strict";

(() => {
  const KEY = "claimwatch.apiKey";
  const TYPES = ["denial", "warning", "accusation", "assertion"];
  const view = document.getElementById("view");
  const statusEl = document.getElementById("status");
  const alerts = new Map(); // alert_id -> normalised alert, for the live feed
  let lastEventId = null;

  // ---- small helpers -------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = String(value);
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node; // append() of a string adds a Text node: never parsed as HTML
  }

  function hashLink(path, label) {
    return el("a", { href: "#/" + path.map(encodeURIComponent).join("/"), text: label });
  }

  function externalLink(url, label) {
    // Only http(s): a "javascript:" URL in an article must not become a live link.
    try {
      const parsed = new URL(url);
      if (parsed.protocol === "http:" || parsed.protocol === "https:") {
        return el("a", { href: parsed.href, text: label, rel: "noopener noreferrer", target: "_blank" });
      }
    } catch (_) { /* not a URL */ }
    return el("span", { text: label });
  }

  function when(value) {
    if (!value) return "";
    const date = new Date(value);
    return isNaN(date) ? String(value) : date.toISOString().replace("T", " ").slice(0, 16) + " UTC";
  }

  function plural(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

  function apiKey() { return sessionStorage.getItem(KEY) || ""; }

  async function api(path, options) {
    const opts = Object.assign({ headers: {} }, options || {});
    opts.headers = Object.assign({ Accept: "application/json" }, opts.headers);
    if (apiKey()) opts.headers["X-API-Key"] = apiKey();
    if (opts.json !== undefined) {
      opts.body = JSON.stringify(opts.json);
      opts.headers["Content-Type"] = "application/json";
      delete opts.json;
    }
    const response = await fetch(path, opts);
    if (response.status === 204) return null;
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      let detail = body && body.detail;
      if (Array.isArray(detail)) detail = detail.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
      throw new Error(`${response.status}: ${detail || response.statusText}`);
    }
    return body;
  }

  function showError(error) {
    view.replaceChildren(el("p", { class: "error", text: String(error.message || error) }));
  }

  // ---- alerts: one shape for stored alerts and live events ------------------------------

  function normalise(data) {
    const source = data.first_source || data.source || {};
    return {
      alert_id: data.alert_id,
      actor: data.actor,
      type: data.type,
      speaker: data.speaker,
      sentence: (data.first_source && data.first_source.sentence) || data.sentence || source.sentence || "",
      count: data.source_count || (data.sources ? data.sources.length : 1),
      source,
      at: data.raised_at || data.occurred_at,
    };
  }

  function alertCard(alert, fresh) {
    const source = alert.source || {};
    const meta = el("div", { class: "muted" },
      source.outlet ? source.outlet + " · " : "",
      when(source.published_at || alert.at), " · ",
      source.article_id ? hashLink(["article", source.article_id], "article") : "", " · ",
      hashLink(["alert", alert.alert_id], "all sources"));
    return el("article", { class: `card ${alert.type}${fresh ? " fresh" : ""}`, "data-alert-id": alert.alert_id },
      el("div", { class: "head" },
        el("span", { class: `badge ${alert.type}`, text: alert.type }),
        hashLink(["actor", alert.actor], alert.actor),
        el("span", { class: "speaker", text: alert.speaker }),
        el("span", { class: "count", text: plural(alert.count, "source") })),
      el("blockquote", { text: alert.sentence }),
      meta);
  }

  function feedList() { return document.getElementById("feed"); }

  function upsert(alert, fresh) {
    alerts.set(alert.alert_id, alert);
    const list = feedList();
    if (!list) return;
    const old = list.querySelector(`[data-alert-id="${CSS.escape(alert.alert_id)}"]`);
    const card = alertCard(alert, fresh);
    if (old) old.replaceWith(card);
    else list.prepend(card);
    const empty = document.getElementById("feed-empty");
    if (empty) empty.remove();
  }

  async function onEvent(kind, data) {
    if (kind === "raised") {
      upsert(normalise(data), true);
    } else if (kind === "source_attached") {
      const known = alerts.get(data.alert_id);
      if (known) {
        upsert(Object.assign({}, known, { count: data.source_count || known.count + 1 }), true);
      } else {
        upsert(normalise(await api(`/alerts/${encodeURIComponent(data.alert_id)}`)), true);
      }
    }
  }

  // ---- the live stream: fetch() so that the API key can travel in a header ----------------

  function setStatus(text, cls) {
    statusEl.textContent = text;
    statusEl.className = `status ${cls}`;
  }

  function handleBlock(block) {
    let kind = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "data") data.push(value);
      else if (field === "event") kind = value;
      else if (field === "id") lastEventId = value;
    }
    if (!data.length) return;
    try {
      onEvent(kind, JSON.parse(data.join("\n"))).catch((e) => console.warn(e));
    } catch (e) {
      console.warn("bad event", e);
    }
  }

  async function follow() {
    for (;;) {
      try {
        const headers = { Accept: "text/event-stream" };
        if (apiKey()) headers["X-API-Key"] = apiKey();
        if (lastEventId) headers["Last-Event-ID"] = lastEventId; // resume without gaps
        const response = await fetch("/alerts/stream", { headers, cache: "no-store" });
        if (!response.ok) throw new Error(`stream: HTTP ${response.status}`);
        setStatus("live", "live");
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = (buffer + value).replace(/\r\n/g, "\n");
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            handleBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
        // The server ended the stream (a restart, an idle timeout): resume at once, quietly.
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      } catch (e) {
        console.warn(e);
      }
      setStatus("reconnecting…", "down");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  // ---- pages ---------------------------------------------------------------------------

  async function livePage() {
    const list = el("section", { id: "feed" });
    view.replaceChildren(el("h1", { text: "Live: new denials and warnings" }), list);
    const stored = await api("/alerts?limit=100");
    for (const data of stored.reverse()) {
      const alert = normalise(data);
      if (!alerts.has(alert.alert_id)) alerts.set(alert.alert_id, alert);
    }
    const ordered = [...alerts.values()].sort((a, b) => String(b.at).localeCompare(String(a.at)));
    if (feedList() !== list) return; // the user moved on meanwhile
    list.replaceChildren(...ordered.map((a) => alertCard(a, false)));
    if (!ordered.length) {
      list.append(el("p", { id: "feed-empty", class: "muted", text: "No alerts yet: they appear here as they arrive." }));
    }
  }

  async function actorsPage() {
    const actors = await api("/actors");
    const rows = actors.map((a) => el("tr", {}, el("td", {}, hashLink(["actor", a.actor], a.actor)),
      el("td", { text: plural(a.alerts, "alert") })));
    view.replaceChildren(el("h1", { text: "Actors" }),
      rows.length ? el("table", {}, el("tbody", {}, ...rows)) : el("p", { class: "muted", text: "No actors yet." }));
  }

  async function actorPage(name) {
    const found = await api(`/alerts?actor=${encodeURIComponent(name)}&type=denial&type=warning&limit=500`);
    const items = found.map(normalise).sort((a, b) => String(b.at).localeCompare(String(a.at)));
    const timeline = el("ul", { class: "timeline" }, ...items.map((alert) => el("li", { class: alert.type },
      el("div", { class: "muted", text: when(alert.source.published_at || alert.at) }),
      alertCard(alert, false))));
    view.replaceChildren(el("h1", { text: `${name}: denials and warnings` }),
      el("p", { class: "muted", text: `${plural(items.length, "alert")}, newest first` }),
      items.length ? timeline : el("p", { class: "muted", text: "Nothing yet for this actor." }));
  }

  async function alertPage(id) {
    const data = await api(`/alerts/${encodeURIComponent(id)}`);
    const sources = (data.sources && data.sources.length ? data.sources : [data.first_source]).map((s) =>
      el("li", {},
        el("strong", { text: s.outlet || "unknown outlet" }), " · ", el("span", { text: s.title || "" }),
        el("div", { class: "muted" }, when(s.published_at), " · ", s.speaker ? `speaker: ${s.speaker} · ` : "",
          hashLink(["article", s.article_id], "claims in the article"),
          s.url ? " · " : "", s.url ? externalLink(s.url, "original") : ""),
        el("blockquote", { text: s.sentence })));
    view.replaceChildren(
      el("h1", {}, el("span", { class: `badge ${data.type}`, text: data.type }), " ",
        hashLink(["actor", data.actor], data.actor), el("span", { class: "speaker", text: " · " + data.speaker })),
      el("p", { text: data.content || "" }),
      el("p", { class: "muted", text: `raised ${when(data.raised_at)} · cue “${data.cue}” · confidence ${data.confidence}` +
        (data.target ? ` · target ${data.target}` : "") }),
      el("h2", { text: plural(sources.length, "source") }), el("ol", {}, ...sources));
  }

  // ---- the article view: its text with every claim marked in place ----------------------

  function claimLabel(c) {
    return `${c.type} · ${c.actor} · ${c.speaker}` + (c.cue ? ` · “${c.cue}”` : "") +
      (c.alert_id ? " · opens its alert" : "");
  }

  function spotKey(c) { return `${c.span.field}:${c.span.start}:${c.span.end}:${c.type}`; }

  function articleClaims(data, hasText) {
    // Every claim the stream found (kept with the text), and any alert report not among them;
    // older alerts have only their reports, which carry the same spans.
    const reports = (data.claims || []).map((c) => ({
      type: c.type, actor: c.actor, speaker: c.source.speaker, sentence: c.source.sentence,
      span: c.source.span, alert_id: c.alert_id,
    }));
    const found = hasText ? (data.extracted_claims || []) : [];
    const known = new Set(found.map(spotKey));
    return found.concat(reports.filter((r) => !known.has(spotKey(r))));
  }

  function inOrder(claims, field) {
    // By position, the longer first, and of two claims on one span the one with an alert first
    // (it gets the link; the other joins its label).
    return claims.filter((c) => c.span.field === field).sort((a, b) =>
      a.span.start - b.span.start || b.span.end - a.span.end || (b.alert_id ? 1 : 0) - (a.alert_id ? 1 : 0));
  }

  function claimMark(claim, text) {
    const mark = el("mark", { class: claim.type, title: claimLabel(claim), "data-claim-id": claim.claim_id, text });
    if (!claim.alert_id) return [mark, mark];
    const link = el("a", { class: "claim-link", href: "#/alert/" + encodeURIComponent(claim.alert_id) }, mark);
    return [link, mark];
  }

  function highlighted(claims, field) {
    // Without the text: each claim's sentence at its place, with the length of what lies between.
    const parts = [];
    let at = 0;
    let last = null;
    for (const claim of inOrder(claims, field)) {
      const { start, end } = claim.span;
      if (last && start < at) { last.title += ` | ${claimLabel(claim)}`; continue; }
      if (start > at) parts.push(el("span", { class: "gap", text: `[… ${plural(start - at, "character")} …]` }));
      const [node, mark] = claimMark(claim, claim.sentence);
      parts.push(node);
      last = mark;
      at = Math.max(at, end);
    }
    return parts;
  }

  function highlightedFull(source, claims, field) {
    // With the whole text: Text nodes between the claims, each claim a <mark> in place. A claim
    // overlapping the one before joins that mark's label; a span outside the text is skipped.
    const parts = [];
    let at = 0;
    let last = null;
    for (const claim of inOrder(claims, field)) {
      const { start, end } = claim.span;
      if (end > source.length || end <= start) continue;
      if (start < at) { if (last) last.title += ` | ${claimLabel(claim)}`; continue; }
      if (start > at) parts.push(document.createTextNode(source.slice(at, start)));
      const [node, mark] = claimMark(claim, source.slice(start, end));
      parts.push(node);
      last = mark;
      at = end;
    }
    if (at < source.length) parts.push(document.createTextNode(source.slice(at)));
    return parts;
  }

  function claimItem(c) {
    return el("li", {}, el("span", { class: `badge ${c.type}`, text: c.type }), " ",
      hashLink(["actor", c.actor], c.actor),
      ` · ${c.speaker}` + (c.cue ? ` · “${c.cue}”` : "") +
        (typeof c.confidence === "number" ? ` · confidence ${c.confidence}` : "") +
        (c.target ? ` · target ${c.target}` : "") + ` · ${c.span.field} ${c.span.start}–${c.span.end}`,
      c.alert_id ? " · " : "", c.alert_id ? hashLink(["alert", c.alert_id], "alert") : "");
  }

  async function articlePage(id) {
    const data = await api(`/articles/${encodeURIComponent(id)}`);
    const hasText = typeof data.text === "string";
    const claims = articleClaims(data, hasText);
    const counts = new Map(TYPES.map((t) => [t, claims.filter((c) => c.type === t).length]));
    const legend = el("p", { class: "legend muted" }, "Highlighted: ",
      ...TYPES.map((t) => el("mark", { class: t, text: `${t} ${counts.get(t)}` })),
      " · underlined: opens its alert");
    const titleParts = data.title ? [] : highlighted(claims, "title");
    const textParts = hasText ? highlightedFull(data.text, claims, "text") : highlighted(claims, "text");
    const source = data.source || data.outlet;
    view.replaceChildren(
      el("h1", { id: "article-title" }, ...(data.title ? highlightedFull(data.title, claims, "title") : [data.article_id])),
      el("p", { class: "muted" }, ...[source, when(data.published_at), data.url ? externalLink(data.url, "original article") : ""]
        .filter(Boolean).flatMap((part, i) => (i ? [" · ", part] : [part]))),
      legend,
      hasText ? "" : el("p", { class: "muted", id: "article-partial",
        text: "The article's text is not kept: only the alerts' sentences are shown, at their places." }),
      titleParts.length ? el("div", { class: "article-text" }, ...titleParts) : "",
      el("div", { class: "article-text", id: "article-text" }, ...textParts),
      el("h2", { text: plural(claims.length, "claim") }), el("ul", { id: "article-claims" }, ...claims.map(claimItem)));
  }

  function subscriptionForm(onCreated) {
    const actor = el("input", { name: "actor", required: true, placeholder: "Russia, Kremlin, Zhao Lijian…" });
    const boxes = TYPES.map((t) => el("input", { type: "checkbox", name: "types", value: t, checked: t === "denial" || t === "warning" }));
    const minConf = el("input", { name: "min_confidence", type: "number", min: "0", max: "1", step: "0.05", value: "0" });
    const keywords = el("input", { name: "keywords", placeholder: "comma-separated, optional" });
    const updates = el("input", { type: "checkbox", name: "include_updates" });
    const kind = el("select", { name: "kind" }, el("option", { value: "webhook", text: "webhook" }), el("option", { value: "apprise", text: "apprise" }));
    const url = el("input", { name: "url", required: true, placeholder: "https://example.org/hook or an Apprise URL" });
    const result = el("div", { class: "full", id: "sub-result" });
    const form = el("form", { class: "sub", id: "sub-form" },
      el("label", { text: "Actor" }), actor,
      el("span", { text: "Types" }), el("span", {}, ...boxes.flatMap((b) => [el("label", {}, b, " " + b.value), " "])),
      el("label", { text: "Min confidence" }), minConf,
      el("label", { text: "Keywords" }), keywords,
      el("label", { text: "Further reports" }), el("label", {}, updates, " notify sources that attach"),
      el("label", { text: "Channel" }), kind,
      el("label", { text: "URL" }), url,
      el("span", {}), el("button", { type: "submit", text: "Subscribe" }),
      result);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      result.replaceChildren();
      const spec = {
        actor: actor.value.trim(),
        types: boxes.filter((b) => b.checked).map((b) => b.value),
        min_confidence: Number(minConf.value || 0),
        keywords: keywords.value.split(",").map((k) => k.trim()).filter(Boolean),
        include_updates: updates.checked,
        channels: [{ kind: kind.value, url: url.value.trim() }],
      };
      try {
        const created = await api("/subscriptions", { method: "POST", json: spec });
        result.append(el("p", { text: `Subscribed to ${created.subscription.actor_canonical} (${created.subscription.id}). Webhook signing secret, shown once:` }),
          el("div", { class: "secret", text: created.secret }));
        form.reset();
        onCreated();
      } catch (e) {
        result.append(el("p", { class: "error", text: String(e.message || e) }));
      }
    });
    return form;
  }

  function channelText(channel) {
    return channel.kind === "webhook" ? `webhook ${channel.url}` : `${channel.kind} (URL hidden)`;
  }

  async function subscriptionsPage() {
    if (!apiKey()) {
      view.replaceChildren(el("h1", { text: "Subscriptions" }),
        el("p", { text: "Managing subscriptions needs the API key: enter it above (it stays in this tab only)." }));
      return;
    }
    const table = el("tbody", { id: "sub-rows" });
    async function refresh() {
      const subs = await api("/subscriptions");
      table.replaceChildren(...subs.map((s) => el("tr", { "data-sub-id": s.id },
        el("td", {}, hashLink(["actor", s.actor_canonical], s.actor_canonical), el("div", { class: "muted", text: s.id })),
        el("td", { text: s.types.join(", ") }),
        el("td", { text: s.channels.map(channelText).join("; ") }),
        el("td", { text: s.include_updates ? "yes" : "no" }),
        el("td", {}, el("button", { type: "button", text: "Delete", class: "delete", onclick: async () => {
          try { await api(`/subscriptions/${encodeURIComponent(s.id)}`, { method: "DELETE" }); await refresh(); }
          catch (e) { showError(e); }
        } })))));
      if (!subs.length) table.append(el("tr", {}, el("td", { colspan: "5", class: "muted", text: "No subscriptions." })));
    }
    view.replaceChildren(el("h1", { text: "Subscriptions" }),
      el("table", {}, el("thead", {}, el("tr", {}, ...["Actor", "Types", "Channels", "Further reports", ""].map((h) => el("th", { text: h })))), table),
      el("h2", { text: "New subscription" }), subscriptionForm(() => refresh().catch(showError)));
    await refresh();
  }

  function feedRow(status) {
    const f = status.feed, h = status.health;
    const state = !h.polls ? el("span", { class: "health", text: "not polled yet" })
      : status.healthy
      ? el("span", { class: "health ok", text: "ok" })
      : el("span", { class: "health failing", text: `failing ×${h.consecutive_failures}` });
    return el("tr", { "data-feed-id": f.id },
      el("td", {}, state),
      el("td", {}, el("div", { text: f.label || f.url }), el("div", { class: "muted", text: f.label ? f.url : f.id })),
      el("td", { text: `${f.every_seconds} s` }),
      el("td", { text: `${h.polls} (${h.not_modified} × 304)` }),
      el("td", { text: `${h.items_seen} / ${h.pages_fetched} / ${h.published}` }),
      el("td", { text: `${h.extraction_failures} / ${h.page_errors} / ${h.unsupported_language ?? 0}` }),
      el("td", {}, el("div", { text: h.last_success_at ? when(h.last_success_at) : "never" }),
        h.last_error ? el("div", { class: "error", text: `${when(h.last_error_at)}: ${h.last_error}` }) : null));
  }

  async function feedsPage() {
    const feeds = await api("/feeds");
    const head = ["Health", "Feed", "Every", "Polls", "Items / pages / published", "No text / page errors / not English", "Last success, last error"];
    view.replaceChildren(el("h1", { text: "Feeds" }),
      el("p", { class: "muted", text: "News feeds the sources service watches (add them with `claimwatch feeds add URL`)." }),
      feeds.length
        ? el("table", { id: "feeds" }, el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { text: h })))),
          el("tbody", {}, ...feeds.map(feedRow)))
        : el("p", { class: "muted", text: "No feeds watched." }));
  }

  // ---- routing and start-up ------------------------------------------------------------

  async function route() {
    const parts = location.hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
    try {
      if (!parts.length) await livePage();
      else if (parts[0] === "actors") await actorsPage();
      else if (parts[0] === "actor" && parts[1]) await actorPage(parts[1]);
      else if (parts[0] === "alert" && parts[1]) await alertPage(parts[1]);
      else if (parts[0] === "article" && parts[1]) await articlePage(parts[1]);
      else if (parts[0] === "subscriptions") await subscriptionsPage();
      else if (parts[0] === "feeds") await feedsPage();
      else view.replaceChildren(el("p", { text: "No such page." }));
    } catch (e) {
      showError(e);
    }
  }

  function setupKey() {
    // `claimwatch up` prints the dashboard URL with "#key=...": a fragment never reaches a
    // server or its logs. Keep it for this tab only and take it out of the address bar.
    const match = location.hash.match(/^#key=([^&]*)/);
    if (match) {
      sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
      history.replaceState(null, "", location.pathname + "#/");
    }
    const input = document.getElementById("api-key");
    input.value = apiKey();
    document.getElementById("key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      if (input.value) sessionStorage.setItem(KEY, input.value); else sessionStorage.removeItem(KEY);
      route();
    });
    document.getElementById("key-forget").addEventListener("click", () => {
      sessionStorage.removeItem(KEY);
      input.value = "";
      route();
    });
  }

  setupKey();
  window.addEventListener("hashchange", route);
  follow();
  route();
})();

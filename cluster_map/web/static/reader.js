/* The plan reader (a Streamlit components.v2 component): shows a plan's HTML, scrolls to the
 * target, and on a click on a highlighted mention shows a small card naming its items, with
 * "show on the map" and "cite" buttons that send trigger values to Python.
 * data: {html, version, items: {id: {name, sector}}, target, focus: ["start-end", ...], hit: [start, end],
 *        nonce, labels: {map, cite, close}}
 * The HTML is built by cluster_map.web.reader_html, where every text of the plan is escaped. */
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let root = parentElement.querySelector(".cm-reader");
  if (!root) {
    root = document.createElement("div");
    root.className = "cm-reader";
    parentElement.appendChild(root);
  }
  if (root.dataset.version !== data.version) {
    root.innerHTML = data.html;
    root.dataset.version = data.version;
    root.dataset.scrolled = "";
  }
  let card = root.querySelector(".cm-card");
  if (!card) {
    card = document.createElement("div");
    card.className = "cm-card";
    card.hidden = true;
    root.appendChild(card);
  }

  function button(text, onClick, className) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = text;
    b.addEventListener("click", (event) => { event.stopPropagation(); onClick(); });
    return b;
  }

  function show(mark) {
    card.replaceChildren();
    const refs = (mark.dataset.refs || "").split(" ").filter(Boolean);
    (mark.dataset.items || "").split(" ").filter(Boolean).forEach((id) => {
      const ref = refs.find((r) => r.startsWith(id + "@")) || "";
      const item = (data.items || {})[id] || { name: id, sector: "" };
      const row = document.createElement("div");
      row.className = "cm-card-item";
      const name = document.createElement("div");
      name.className = "cm-card-name";
      name.textContent = item.name + (item.sector ? " · " + item.sector : "");
      row.appendChild(name);
      row.appendChild(button(data.labels.map, () => { card.hidden = true; setTriggerValue("open_item", id); }, "cm-open-item"));
      row.appendChild(button(data.labels.cite, () => { card.hidden = true; setTriggerValue("cite", ref); }, "cm-cite"));
      card.appendChild(row);
    });
    card.appendChild(button(data.labels.close, () => { card.hidden = true; }, "cm-card-close"));
    card.hidden = false;
    const box = mark.getBoundingClientRect();
    const base = root.getBoundingClientRect();
    card.style.top = (box.bottom - base.top + 6) + "px";
    card.style.left = Math.max(0, Math.min(box.left - base.left, base.width - 300)) + "px";
    requestAnimationFrame(() => card.scrollIntoView({ block: "nearest" }));  /* never below the screen */
  }

  /* The characters [start, end) of the plan, found in the paragraph that holds them, as a Range. */
  function rangeAt(start, end) {
    const blocks = Array.from(root.querySelectorAll("[data-at]"))
      .filter((el) => Number(el.dataset.at) <= start);
    const block = blocks[blocks.length - 1];
    if (!block) { return null; }
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let offset = Number(block.dataset.at), range = document.createRange(), begun = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const next = offset + node.data.length;
      if (!begun && start < next) { range.setStart(node, start - offset); begun = true; }
      if (begun && end <= next) { range.setEnd(node, end - offset); return range; }
      offset = next;
    }
    return null;
  }

  root.onclick = (event) => {
    const mark = event.target.closest ? event.target.closest("mark.cm-m") : null;
    if (mark) { show(mark); } else if (!card.contains(event.target)) { card.hidden = true; }
  };

  const focus = data.focus || [];
  const wanted = [data.target || "", focus.join(","), (data.hit || []).join("-"), data.nonce || ""].join("|");
  if (data.target && root.dataset.scrolled !== wanted) {
    root.dataset.scrolled = wanted;
    root.querySelectorAll(".cm-focus").forEach((el) => el.classList.remove("cm-focus"));
    let goal = root.querySelector("#" + CSS.escape(data.target));
    const marks = Array.from(root.querySelectorAll("mark.cm-m"))
      .filter((m) => (m.dataset.spans || "").split(" ").some((s) => focus.includes(s)));
    marks.forEach((m) => m.classList.add("cm-focus"));
    const hit = data.hit && data.hit.length === 2 ? rangeAt(data.hit[0], data.hit[1]) : null;
    if (window.CSS && CSS.highlights) {  /* a search match: the words themselves, not the paragraph */
      if (hit) { CSS.highlights.set("cm-hit", new Highlight(hit)); } else { CSS.highlights.delete("cm-hit"); }
    }
    if (marks.length) {
      goal = marks[0];
    } else if (goal && !hit) {
      goal.classList.add("cm-focus");
    }
    const holder = hit ? hit.startContainer.parentElement : null;
    if (holder) {
      requestAnimationFrame(() => holder.scrollIntoView({ block: "center" }));
    } else if (goal) {
      requestAnimationFrame(() => goal.scrollIntoView({ block: "center" }));
    }
  }
}

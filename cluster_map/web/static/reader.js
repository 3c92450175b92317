/* The plan reader (a Streamlit components.v2 component): shows a plan's HTML, scrolls to the
 * target, and on a click on a highlighted mention shows a small card naming its items, with
 * "show on the map" and "cite" buttons that send trigger values to Python.
 * data: {html, version, items: {id: {name, sector}}, target, focus, nonce, labels: {map, cite, close}}
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
    const span = (mark.dataset.spans || "").split(" ")[0];
    (mark.dataset.items || "").split(" ").filter(Boolean).forEach((id) => {
      const item = (data.items || {})[id] || { name: id, sector: "" };
      const row = document.createElement("div");
      row.className = "cm-card-item";
      const name = document.createElement("div");
      name.className = "cm-card-name";
      name.textContent = item.name + (item.sector ? " · " + item.sector : "");
      row.appendChild(name);
      row.appendChild(button(data.labels.map, () => setTriggerValue("open_item", id), "cm-open-item"));
      row.appendChild(button(data.labels.cite, () => setTriggerValue("cite", id + "@" + span), "cm-cite"));
      card.appendChild(row);
    });
    card.appendChild(button(data.labels.close, () => { card.hidden = true; }, "cm-card-close"));
    card.hidden = false;
    const box = mark.getBoundingClientRect();
    const base = root.getBoundingClientRect();
    card.style.top = (box.bottom - base.top + 6) + "px";
    card.style.left = Math.max(0, Math.min(box.left - base.left, base.width - 300)) + "px";
  }

  root.onclick = (event) => {
    const mark = event.target.closest ? event.target.closest("mark.cm-m") : null;
    if (mark) { show(mark); } else if (!card.contains(event.target)) { card.hidden = true; }
  };

  const wanted = (data.target || "") + "|" + (data.focus || "") + "|" + (data.nonce || "");
  if (data.target && root.dataset.scrolled !== wanted) {
    root.dataset.scrolled = wanted;
    root.querySelectorAll(".cm-focus").forEach((el) => el.classList.remove("cm-focus"));
    let goal = root.querySelector("#" + CSS.escape(data.target));
    if (data.focus) {
      const marks = Array.from(root.querySelectorAll("mark.cm-m"))
        .filter((m) => (m.dataset.spans || "").split(" ").includes(data.focus));
      marks.forEach((m) => m.classList.add("cm-focus"));
      if (marks.length) { goal = marks[0]; }
    }
    if (goal) {
      goal.classList.add("cm-focus");
      requestAnimationFrame(() => goal.scrollIntoView({ block: "center" }));
    }
  }
}

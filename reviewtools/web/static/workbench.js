// The workbench's little JavaScript: everything works without it; it only makes the pages quicker to use.
"use strict";

// Dropping files on a [data-drop] form puts them in its file input.
for (const form of document.querySelectorAll("form[data-drop]")) {
  const input = form.querySelector("input[type=file]");
  form.addEventListener("dragover", (e) => { e.preventDefault(); form.classList.add("over"); });
  form.addEventListener("dragleave", () => form.classList.remove("over"));
  form.addEventListener("drop", (e) => {
    e.preventDefault();
    form.classList.remove("over");
    input.files = e.dataTransfer.files;
    input.dispatchEvent(new Event("change"));
  });
}

// A file input dressed as a button (label.pick) says beside it which files were chosen.
for (const input of document.querySelectorAll("label.pick input[type=file]")) {
  const chosen = input.form.querySelector("[data-chosen]");
  input.addEventListener("change", () => {
    const names = Array.from(input.files, (f) => f.name);
    chosen.textContent = names.length ? `已选 ${names.length} 个文件：${names.join("、")}` : "未选择文件";
  });
}

// A click on a highlight shows its finding, a click on a finding's quote shows the highlight: scrolled into
// view inside its own pane, briefly outlined.
function show(id) {
  const target = document.getElementById(id);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.classList.add("flash");
  setTimeout(() => target.classList.remove("flash"), 1500);
}
document.addEventListener("click", (e) => {
  const link = e.target.closest("a[href^='#f-'], a[href^='#m-']");
  if (!link || !document.querySelector(".review")) return;
  e.preventDefault();
  history.replaceState(null, "", link.getAttribute("href"));
  show(link.getAttribute("href").slice(1));
});

// 豁免 and 误报 need a reason: asked for before the form goes (the server refuses one without, too).
document.addEventListener("click", (e) => {
  const button = e.target.closest("button[data-needs-reason]");
  if (!button) return;
  const reason = button.form.querySelector("input[name=reason]");
  if (!reason.value.trim()) {
    e.preventDefault();
    reason.setCustomValidity("请填写理由");
    reason.reportValidity();
    reason.addEventListener("input", () => reason.setCustomValidity(""), { once: true });
  }
});

// A finding's decision shown on it (greyed when set aside).
for (const box of document.querySelectorAll(".decision[data-decision]")) {
  box.closest(".finding").dataset.state = box.dataset.decision;
}

// A page with [data-poll] reloads its progress from that URL every two seconds until it says done.
for (const el of document.querySelectorAll("[data-poll]")) {
  const tick = async () => {
    const response = await fetch(el.dataset.poll, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const state = await response.json();
    for (const [key, value] of Object.entries(state)) {
      for (const field of el.querySelectorAll(`[data-field="${key}"]`)) {
        if (field.tagName === "PROGRESS") field.value = value; else field.textContent = value;
      }
    }
    if (state.status === "running") setTimeout(tick, 2000); else if (el.dataset.reload !== undefined) location.reload();
  };
  setTimeout(tick, 2000);
}

// ankang demo: the interview as a chat. No business logic here: every decision comes from the API.
"use strict";
const T = {
  zh: { title: "安康 · AI问诊", big: "大字", send: "发送", restart: "重新开始", tag: "AI生成",
        notice: "AI生成内容，仅供参考，不能替代医生诊断，不提供处方。紧急情况请立即拨打120。",
        hello: "您好，我是安康AI健康助手。请用自己的话描述哪里不舒服，例如：“孩子发烧两天，有点咳嗽，没有拉肚子”。",
        age: "请问患者多大年龄？（例如：35岁、8个月）", yes: "是", no: "否", unknown: "不知道",
        none: "没有识别到具体症状，请换一种说法描述。", level: "紧急程度", dept: "建议科室", likely: "可能的情况（仅供参考）",
        why: "原因", src: "依据", error: "出错了：", male: "男", female: "女", sex: "请问患者的性别？",
        ph: "在这里描述您的不适…" },
  en: { title: "ankang · AI symptom check", big: "Large text", send: "Send", restart: "Start again", tag: "AI generated",
        notice: "AI generated, for reference only: not a doctor's diagnosis and never a prescription. In an emergency call 120.",
        hello: "Hello, I'm ankang's AI health assistant. Describe what is wrong in your own words, e.g. \"fever for two days, a bit of a cough, no diarrhoea\".",
        age: "How old is the person? (e.g. 35, or 8 months)", yes: "Yes", no: "No", unknown: "Don't know",
        none: "No symptom recognised. Please describe it another way.", level: "Urgency", dept: "Department", likely: "Possible conditions (for reference only)",
        why: "Why", src: "Sources", error: "Error: ", male: "Male", female: "Female", sex: "Sex of the person?",
        ph: "Describe what is wrong…" },
};
const LEVEL = {
  emergency_ambulance: { zh: "立即拨打120", en: "Call 120 now" },
  emergency: { zh: "立即去急诊", en: "Go to the emergency department now" },
  consultation_24: { zh: "24小时内就医", en: "See a doctor within 24 hours" },
  consultation: { zh: "建议就医", en: "See a doctor" },
  self_care: { zh: "可居家自我护理", en: "Self-care at home" },
};
let lang = "zh";
let state = null; // {age, sex, evidence}
const $ = (id) => document.getElementById(id);
const t = (k) => T[lang][k];
const loc = (x) => (x ? x[lang] : "");

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  $("lang").textContent = lang === "zh" ? "EN" : "中文";
  $("text").placeholder = t("ph");
}

function bubble(cls, text) {
  const div = document.createElement("div");
  div.className = "msg " + cls;
  if (cls === "ai") {
    const tag = document.createElement("span");
    tag.className = "tag"; tag.textContent = t("tag");
    div.append(tag, document.createElement("br"));
  }
  div.append(text);
  $("chat").append(div);
  div.scrollIntoView({ behavior: "smooth", block: "end" });
  return div;
}

async function api(path, body) {
  const res = await fetch("/v1/interview/" + path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error((data.issue || []).map((i) => loc(i.details)).join("; ") || res.status);
  return data;
}

function choices(options) {
  return new Promise((resolve) => {
    const box = document.createElement("div");
    box.className = "choices";
    options.forEach(([label, value]) => {
      const b = document.createElement("button");
      b.type = "button"; b.textContent = label;
      b.onclick = () => { box.remove(); bubble("me", label); resolve(value); };
      box.append(b);
    });
    $("chat").lastChild.append(box);
  });
}

async function parseAge(text) {
  const n = parseFloat(text);
  if (/月|month/i.test(text) && !isNaN(n)) return n / 12;
  return isNaN(n) ? null : n;
}

async function step() {
  const r = await api("next", state);
  if (r.should_stop || !r.question) return card(r);
  const q = r.question;
  bubble("ai", loc(q.text));
  const source = q.red_flag ? "red_flag" : "question";
  if (q.type === "single") {
    const c = await choices([[t("yes"), "present"], [t("no"), "absent"], [t("unknown"), "unknown"]]);
    state.evidence.push({ id: q.id, choice: c, source });
  } else {
    const picked = await choices([...q.items.map((i) => [loc(i.name), i.id]), [t("unknown"), null]]);
    if (picked) state.evidence.push({ id: picked, choice: "present", source });
    else q.items.forEach((i) => state.evidence.push({ id: i.id, choice: "unknown", source }));
  }
  return step();
}

function card(r) {
  const div = bubble("ai", "");
  div.classList.add("card");
  if (r.triage.emergency) div.classList.add("emergency");
  const h = document.createElement("h2");
  h.textContent = `${t("level")}: ${LEVEL[r.triage.level][lang]}`;
  const dept = document.createElement("p");
  dept.textContent = `${t("dept")}: ${loc(r.department.name)} — ${loc(r.department.advice)}`;
  div.append(h, dept);
  r.triage.reasons.forEach((x) => { const p = document.createElement("p"); p.textContent = `${t("why")}: ${loc(x)}`; div.append(p); });
  if (!r.triage.emergency && r.conditions.length) {
    const p = document.createElement("p"); p.textContent = t("likely");
    const ul = document.createElement("ul");
    r.conditions.slice(0, 3).forEach((c) => { const li = document.createElement("li"); li.textContent = `${loc(c.name)} ${Math.round(c.probability * 100)}%`; ul.append(li); });
    div.append(p, ul);
  }
  const n = document.createElement("p"); n.className = "sources"; n.textContent = loc(r.ai.notice);
  const s = document.createElement("p"); s.className = "sources";
  s.textContent = `${t("src")}: ` + r.sources.slice(0, 4).map((x) => x.title).join("；");
  div.append(n, s);
  $("restart").hidden = false;
}

async function start(text) {
  bubble("me", text);
  const parsed = await api("parse", { text });
  if (!parsed.evidence.some((e) => e.choice === "present")) { bubble("ai", t("none")); return; }
  $("ask").hidden = true;
  let age = parsed.age;
  while (age === null) {
    bubble("ai", t("age"));
    const answer = await new Promise((resolve) => { $("ask").hidden = false; $("ask").onsubmit = (e) => { e.preventDefault(); const v = $("text").value; $("text").value = ""; bubble("me", v); $("ask").hidden = true; resolve(v); }; });
    age = await parseAge(answer);
  }
  let sex = parsed.sex;
  if (!sex) { bubble("ai", t("sex")); sex = await choices([[t("female"), "female"], [t("male"), "male"]]); }
  state = { age, sex, evidence: parsed.evidence.map((e) => ({ id: e.id, choice: e.choice, source: "initial" })) };
  await step();
}

function reset() {
  $("chat").textContent = ""; $("restart").hidden = true; $("ask").hidden = false; state = null;
  $("ask").onsubmit = onSubmit;
  bubble("ai", t("hello"));
}

function onSubmit(e) {
  e.preventDefault();
  const text = $("text").value.trim();
  if (!text) return;
  $("text").value = "";
  start(text).catch((err) => { const d = bubble("ai", t("error") + err.message); d.classList.add("error"); $("ask").hidden = false; });
}

$("lang").onclick = () => { lang = lang === "zh" ? "en" : "zh"; applyLang(); reset(); };
$("big").onclick = () => document.body.classList.toggle("big");
$("restart").onclick = reset;
applyLang();
reset();

// The API tokens page: copy a new token's secret, shown this once.
const secret = document.getElementById("new-secret");
const status = document.getElementById("copy-status");

document.getElementById("copy-secret").addEventListener("click", async () => {
  secret.select();
  try {
    await navigator.clipboard.writeText(secret.value);
    status.textContent = "Copied. Paste it where your script or tool keeps its settings.";
  } catch {
    status.textContent = "Your browser did not allow copying: the token is selected, press Ctrl+C (or ⌘C).";
  }
});
secret.addEventListener("focus", () => secret.select());

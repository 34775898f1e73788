-- Driven by test_neovim.py: open a list, wait for paperlint's diagnostic, apply the quick
-- fix, save, wait for the diagnostics to clear, and write what happened to $PAPERLINT_OUT.
local out = {}
local function finish()
  vim.fn.writefile(out, vim.env.PAPERLINT_OUT)
  vim.cmd("qa!")
end
vim.cmd("filetype on")
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.PAPERLINT_LIST))
if not vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50) then
  table.insert(out, "no diagnostics")
  return finish()
end
local diagnostic = vim.diagnostic.get(0)[1]
local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
table.insert(out, "diagnostic " .. tostring(lsp.code or diagnostic.code) .. " line " .. diagnostic.lnum)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  range = {
    start = { line = diagnostic.lnum, character = 0 },
    ["end"] = { line = diagnostic.lnum, character = 0 },
  },
  context = { diagnostics = {} },
}
local responses = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 60000) or {}
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    if action.title:find("^Fix PL401") then
      table.insert(out, "applied " .. action.title)
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    end
  end
end
vim.cmd("write")
local cleared = vim.wait(60000, function() return #vim.diagnostic.get(0) == 0 end, 50)
table.insert(out, cleared and "cleared" or "still there")
finish()

-- The CSL processor as a long-lived process: `pandoc lua citeproc.lua`.
--
-- Reads one request per line on stdin, a JSON object
--   {"document": "<a pandoc document as pandoc's JSON>", "bibliography": PATH, "csl": PATH}
-- and writes one answer per line on stdout, a JSON object
--   {"document": "<the document with its citations rendered, as pandoc's JSON>"}
-- or {"error": "<pandoc's message>"}. Ends at the end of its input.
-- pandoc.utils.citeproc is what `pandoc --citeproc` runs, so the output is the same; one
-- process serves every run, so pandoc starts (and sizes its heap) once, not once a run.
while true do
  local line = io.read("l")
  if line == nil then
    break
  end
  local request = pandoc.json.decode(line, false)
  local ok, answer = pcall(function()
    local doc = pandoc.read(request.document, "json")
    doc.meta.bibliography = request.bibliography
    doc.meta.csl = request.csl
    return pandoc.write(pandoc.utils.citeproc(doc), "json")
  end)
  if ok then
    io.write(pandoc.json.encode({ document = answer }))
  else
    io.write(pandoc.json.encode({ error = tostring(answer) }))
  end
  io.write("\n")
  io.flush()
end

package otplab.course;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.front.matter.YamlFrontMatterExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Markdown of a course file to HTML: GFM tables, heading anchors, autolinks and front matter;
 * {@code elixir} blocks highlighted, {@code java} blocks turned into cells. Thread-safe.
 */
public final class MarkdownRenderer {
    public static final String JAVA = "java";
    public static final String ELIXIR = "elixir";
    private static final List<Extension> EXTENSIONS = List.of(YamlFrontMatterExtension.create(),
            TablesExtension.create(), AutolinkExtension.create(), HeadingAnchorExtension.create());
    private static final int MIN_TOC_LEVEL = 2;
    private static final int MAX_TOC_LEVEL = 3;

    private final Parser parser = Parser.builder()
            .extensions(EXTENSIONS)
            .includeSourceSpans(IncludeSourceSpans.BLOCKS)
            .build();

    /**
     * What rendering a file produced.
     *
     * @param problems mistakes with 1-based file lines, in words for the author
     */
    public record Rendered(String html, List<TocEntry> toc, List<Cell> cells, List<FrontMatter.Problem> problems) {
        public Rendered {
            toc = List.copyOf(toc);
            cells = List.copyOf(cells);
            problems = List.copyOf(problems);
        }
    }

    /** Renders a whole file (front matter included: it is recognised and left out of the HTML). */
    public Rendered render(String text) {
        Objects.requireNonNull(text, "text must not be null");
        Node document = parser.parse(text);
        List<FrontMatter.Problem> problems = new ArrayList<>();
        Map<FencedCodeBlock, Cell> cells = collectCells(document, text, problems);
        List<TocEntry> toc = new ArrayList<>();
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .attributeProviderFactory(context -> (node, tagName, attributes) -> {
                    if (node instanceof Heading heading && heading.getLevel() >= MIN_TOC_LEVEL
                            && heading.getLevel() <= MAX_TOC_LEVEL && attributes.containsKey("id")) {
                        toc.add(new TocEntry(heading.getLevel(), plainText(heading), attributes.get("id")));
                    }
                })
                .nodeRendererFactory(context -> new CodeBlockRenderer(context, cells))
                .build();
        String html = renderer.render(document);
        return new Rendered(html, toc, List.copyOf(cells.values()), problems);
    }

    private static Map<FencedCodeBlock, Cell> collectCells(Node document, String source, List<FrontMatter.Problem> problems) {
        // Nodes keep identity equality, so insertion order is the page order of the cells.
        Map<FencedCodeBlock, Cell> cells = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        List<FencedCodeBlock> javaBlocks = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock block) {
                String language = language(block);
                if (language.equals(JAVA)) {
                    javaBlocks.add(block);
                } else if (language.equals(ELIXIR) && !attributeText(block, source).isBlank()) {
                    problems.add(new FrontMatter.Problem(line(block),
                            "`elixir` blocks take no attributes; found `" + attributeText(block, source) + "`"));
                }
            }
        });
        int number = 0;
        for (FencedCodeBlock block : javaBlocks) {
            number++;
            List<String> messages = new ArrayList<>();
            CellAttributes attributes = CellAttributes.parse(attributeText(block, source), messages);
            String id = attributes.id().orElse("cell-" + number);
            if (!ids.add(id)) {
                messages.add("cell id `" + id + "` is used by an earlier cell of this lesson");
            }
            int line = line(block);
            messages.forEach(m -> problems.add(new FrontMatter.Problem(line, m)));
            cells.put(block, new Cell(id, number, line, block.getLiteral(), attributes));
        }
        return cells;
    }

    private static String language(FencedCodeBlock block) {
        String info = block.getInfo() == null ? "" : block.getInfo().strip();
        int space = indexOfWhitespace(info);
        return (space < 0 ? info : info.substring(0, space)).toLowerCase(Locale.ROOT);
    }

    /**
     * The words after the language as the author typed them. CommonMark has already replaced
     * backslash escapes and entities in {@code getInfo()} ({@code \"} became {@code "}, {@code &lt;}
     * became {@code <}), so the attributes are read from the opening fence line in the source.
     */
    private static String attributeText(FencedCodeBlock block, String source) {
        String info = rawInfo(block, source).strip();
        int space = indexOfWhitespace(info);
        return space < 0 ? "" : info.substring(space + 1).strip();
    }

    private static String rawInfo(FencedCodeBlock block, String source) {
        if (block.getSourceSpans().isEmpty()) {
            return block.getInfo() == null ? "" : block.getInfo();
        }
        SourceSpan opening = block.getSourceSpans().getFirst();
        String line = source.substring(opening.getInputIndex(), opening.getInputIndex() + opening.getLength());
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        while (i < line.length() && line.charAt(i) == block.getFenceChar()) {
            i++;
        }
        return line.substring(i);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int line(Node node) {
        return node.getSourceSpans().isEmpty() ? 1 : node.getSourceSpans().getFirst().getLineIndex() + 1;
    }

    private static String plainText(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                text.append(c.getLiteral());
            }
        });
        return text.toString();
    }

    /** Renders fenced blocks: Elixir highlighted, Java as cell markup that web/src/cells.js turns into editors. */
    private static final class CodeBlockRenderer implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final Map<FencedCodeBlock, Cell> cells;

        CodeBlockRenderer(HtmlNodeRendererContext context, Map<FencedCodeBlock, Cell> cells) {
            this.context = context;
            this.cells = cells;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(FencedCodeBlock.class);
        }

        @Override
        public void render(Node node) {
            FencedCodeBlock block = (FencedCodeBlock) node;
            HtmlWriter html = context.getWriter();
            Cell cell = cells.get(block);
            if (cell != null) {
                renderCell(html, cell);
                return;
            }
            String language = language(block);
            html.line();
            if (language.equals(ELIXIR)) {
                html.raw("<figure class=\"code-sample\" data-lang=\"elixir\"><figcaption>Elixir</figcaption>");
                html.raw("<pre class=\"code\" tabindex=\"0\"><code class=\"language-elixir\">");
                html.raw(ElixirHighlighter.toHtml(block.getLiteral()));
                html.raw("</code></pre></figure>");
            } else {
                html.raw("<pre class=\"code\" tabindex=\"0\"><code");
                if (!language.isEmpty()) {
                    html.raw(" class=\"language-");
                    html.text(language);
                    html.raw("\"");
                }
                html.raw(">");
                html.text(block.getLiteral());
                html.raw("</code></pre>");
            }
            html.line();
        }

        /** The cell's {@code timeout-ms}, for the runner's request; empty when the cell has none. */
        private static String timeoutAttribute(CellAttributes attributes) {
            return attributes.timeoutMs().isPresent() ? " data-timeout-ms=\"" + attributes.timeoutMs().getAsLong() + "\"" : "";
        }

        private static void renderCell(HtmlWriter html, Cell cell) {
            CellAttributes attributes = cell.attributes();
            html.line();
            if (!cell.shown()) {
                html.raw("<template class=\"cell-hidden-setup\" data-cell-id=\"");
                html.text(cell.id());
                html.raw("\"" + timeoutAttribute(attributes) + ">");
                html.text(cell.code());
                html.raw("</template>");
                html.line();
                return;
            }
            html.raw("<figure class=\"cell\" data-cell-id=\"");
            html.text(cell.id());
            html.raw("\" data-cell-number=\"" + cell.number() + "\" data-runnable=\"" + cell.runnable()
                    + "\" data-setup=\"" + cell.setup() + "\" data-expected-status=\""
                    + attributes.status().wireName() + "\"" + timeoutAttribute(attributes) + ">");
            html.raw("<figcaption class=\"cell-bar\"><span class=\"cell-title\">");
            html.text(cell.runnable() ? "Java" : "Java (read only)");
            html.raw("</span><span class=\"cell-toolbar\" data-slot=\"toolbar\"></span></figcaption>");
            html.raw("<pre class=\"code cell-source\" tabindex=\"0\"><code class=\"language-java\">");
            html.text(cell.code());
            html.raw("</code></pre>");
            html.raw("<div class=\"cell-output\" data-slot=\"output\" hidden></div>");
            if (attributes.panel() != CellAttributes.Panel.NONE) {
                html.raw("<div class=\"cell-panel\" data-slot=\"panel\" data-panel=\""
                        + attributes.panel().name().toLowerCase(java.util.Locale.ROOT) + "\"></div>");
            }
            html.raw("</figure>");
            html.line();
        }
    }
}

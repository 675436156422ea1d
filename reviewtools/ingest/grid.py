"""Tables on positioned pages (PDF, OFD): cells told apart by the white space between them, wrapped cells joined.

A PDF or an OFD keeps no table, only text placed on the page, and writers draw a table column by column as
often as row by row. Here the parts of a line that stand apart by wide white space (CELL_GAP characters or
more) are cells. Consecutive rows with at least two parts under the same columns make a table; a line close
under a row whose parts all stand under the columns after the first, or under cells that run to their
column's right edge, carries on the cells above it (a cell's text wrapped inside the cell). Each cell becomes one Line marked with its (table, row, column), in row order,
where the table's first line was; every other line is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reviewtools.ingest.order import Piece, group_rows, line_pieces

CELL_GAP = 1.5  # white space this many characters wide inside a line separates two cells
WRAP_GAP = 0.6  # a wrapped cell's next line starts closer than this many characters below the row above
ROW_GAP = 2.5  # rows of one table are closer than this many characters
SLACK = 0.5  # a part stands under a column when it overlaps it, give or take this many characters


@dataclass(slots=True)
class _Table:
    columns: list[list[float]]  # [x0, x1] of each column, left to right
    rows: list[list[list[Piece]]]  # per row, per column, the parts (a wrapped cell has several)
    lines: set[int]
    size: float

    def column(self, part: Piece) -> int | None:
        """The column `part` stands under (the one it overlaps most), if any."""
        slack = SLACK * self.size
        best, overlap = None, 0.0
        for k, (x0, x1) in enumerate(self.columns):
            shared = min(x1 + slack, part.x1) - max(x0 - slack, part.x0)
            if shared > overlap:
                best, overlap = k, shared
        return best

    def full(self, columns: list[int]) -> bool:
        """Whether the last row's cells in `columns` all run to their column's right edge (so a line under
        them, in the first column too, is their text wrapped, not a new row)."""
        cells = self.rows[-1]
        return all(cells[k] and max(p.x1 for p in cells[k]) >= self.columns[k][1] - self.size for k in columns)

    def add_row(self, row: list[Piece]) -> None:
        cells: dict[int, list[Piece]] = {}
        for part in row:
            k = self.column(part)
            if k is None or k in cells:
                k = self._new_column(part)
                cells = {(j + 1 if j >= k else j): v for j, v in cells.items()}
            cells.setdefault(k, []).append(part)
            self.columns[k] = [min(self.columns[k][0], part.x0), max(self.columns[k][1], part.x1)]
        width = len(self.columns)
        self.rows.append([cells.get(k, []) for k in range(width)])
        self.lines.update(p.line for p in row)

    def _new_column(self, part: Piece) -> int:
        k = sum(1 for x0, _ in self.columns if x0 < part.x0)
        self.columns.insert(k, [part.x0, part.x1])
        for cells in self.rows:
            cells.insert(k, [])
        return k


def find(lines: list, tables: int) -> tuple[list, int]:
    """`lines` (layout.Line, one page's, in reading order: ingest/order.py) with each table's lines replaced by its cells; and the
    number of the last table on the page, counting on from `tables`."""
    found = [t for t in _tables(lines) if len(t.rows) >= 2]
    if not found:
        return lines, tables
    owner = {i: t for t in found for i in t.lines}
    out, done = [], set()
    for i, line in enumerate(lines):
        table = owner.get(i)
        if table is None:
            out.append(line)
        elif id(table) not in done:
            done.add(id(table))
            tables += 1
            out.extend(_cells(table, tables, lines))
    return out, tables


def _tables(lines: list) -> list[_Table]:
    rows = _rows(lines)
    tables: list[_Table] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        size = max(lines[p.line].size for p in row)
        if len(row) < 2:
            i += 1
            continue
        table = _Table([[p.x0, p.x1] for p in row], [[[p] for p in row]], {p.line for p in row}, size)
        j = i + 1
        while j < len(rows):
            nxt, above = rows[j], rows[j - 1]
            gap = min(p.top for p in nxt) - max(p.bottom for p in above)
            if gap > ROW_GAP * size or min(p.top for p in nxt) < min(p.top for p in above):
                break  # far below, or back up the page (the next column)
            columns = [table.column(p) for p in nxt]
            if (gap < WRAP_GAP * size and None not in columns and len(set(columns)) == len(nxt)
                    and (0 not in columns or table.full(columns))):
                for part, k in zip(nxt, columns, strict=True):  # wrapped cells of the row above
                    table.rows[-1][k].append(part)
                table.lines.update(p.line for p in nxt)
            elif len(nxt) >= 2 and len({k for k in columns if k is not None}) >= 2:
                table.add_row(nxt)
            else:
                break
            j += 1
        if len(table.rows) >= 2:
            tables.append(table)
            i = j
        else:
            i += 1
    return tables


def _rows(lines: list) -> list[list[Piece]]:
    """The parts of all lines grouped into rows by height, in reading order (ingest/order.py: a row's parts
    follow each other, and the columns of a page are not rows), each row left to right."""
    return group_rows(piece for i, line in enumerate(lines) for piece in line_pieces(line, i))


def _cells(table: _Table, number: int, lines: list) -> list:
    out = []
    for r, cells in enumerate(table.rows, 1):
        for k, parts in enumerate(cells, 1):
            if not parts:
                continue
            parts = sorted(parts, key=lambda p: (p.top, p.x0))
            first = lines[parts[0].line]
            text = join_wrapped(p.text for p in parts)
            out.append(replace(first, text=text, x0=min(p.x0 for p in parts), x1=max(p.x1 for p in parts),
                               top=parts[0].top, bottom=parts[-1].bottom, segments=(), cell=(number, r, k)))
    return out


def join_wrapped(texts) -> str:
    """Wrapped lines joined with nothing between them; a space only between two Latin letters/digits."""
    out = ""
    for text in texts:
        text = text.strip()
        if out and text and _latin(out[-1]) and _latin(text[0]):
            out += " "
        out += text
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()

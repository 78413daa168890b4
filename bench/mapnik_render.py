#!/usr/bin/python3
"""Mapnik's side of the render benchmark: the provinces and countries of geodata/bordermap.gpkg in bordermap's
regional CRS, filled and outlined, zoomed to Afghanistan and Pakistan, to a PNG of the given size. Optionally
another CRS (a PROJ string) and the area to show in degrees, as bordermap render's --crs and --bbox (the world
benchmark, scripts/bench-render-world).
    mapnik_render.py GPKG OUT.png WIDTH HEIGHT [PROJ MINLON,MINLAT,MAXLON,MAXLAT]
"""
import sys

import mapnik

LCC = ("+proj=lcc +lat_0=33 +lon_0=69 +lat_1=30.3333333333333 +lat_2=35.6666666666667 +x_0=0 +y_0=0 "
       "+datum=WGS84 +units=m +no_defs")


def layer(gpkg, name, style):
    lyr = mapnik.Layer(name, "+proj=longlat +datum=WGS84 +no_defs")
    lyr.datasource = mapnik.Ogr(file=gpkg, layer=name)
    lyr.styles.append(style)
    return lyr


def main():
    gpkg, out, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    crs = sys.argv[5] if len(sys.argv) > 5 else LCC
    m = mapnik.Map(width, height, crs)
    m.background = mapnik.Color("#d6e2eb")
    for name, fill, stroke, width_px in (("countries", "#e9e7e1", "#6e6e6e", 1.4), ("provinces", "#f5ecd6", "#969696", 0.8)):
        style = mapnik.Style()
        rule = mapnik.Rule()
        polygon = mapnik.PolygonSymbolizer()
        polygon.fill = mapnik.Color(fill)
        rule.symbols.append(polygon)
        line = mapnik.LineSymbolizer()
        line.stroke = mapnik.Color(stroke)
        line.stroke_width = width_px
        rule.symbols.append(line)
        style.rules.append(rule)
        m.append_style(name, style)
        m.layers.append(layer(gpkg, name, name))
    # Afghanistan and Pakistan: the provinces layer's extent, as bordermap render's default; or the box asked for.
    box = m.layers[1].envelope()
    if len(sys.argv) > 6:
        box = mapnik.Box2d(*(float(v) for v in sys.argv[6].split(",")))
    m.zoom_to_box(mapnik.ProjTransform(mapnik.Projection("+proj=longlat +datum=WGS84 +no_defs"),
                                       mapnik.Projection(crs)).forward(box))
    mapnik.render_to_file(m, out, "png")


if __name__ == "__main__":
    main()

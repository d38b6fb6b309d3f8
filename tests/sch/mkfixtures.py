#!/usr/bin/env python3
# tests/sch/mkfixtures.py -- writes tests/sch/tei/: for each of the 93
# Schematron patterns of TEI P5's tei_all (../shared/data/tei_all.isosch)
# a small TEI document that fires it (NAME.fire.xml) and one that goes
# through the same rule's context without a finding (NAME.pass.xml), and
# the map of NAME to pattern id (README).  The documents are committed;
# this script is how they were made, to rerun after an edit here.
# The golden findings (NAME.*.expected) come from SchXslt: mkexpected.sh.
#
# usage: python3 tests/sch/mkfixtures.py [OUTDIR]   (default tests/sch/tei)
import os
import sys

TEI = 'http://www.tei-c.org/ns/1.0'
SCH = 'xmlns:sch="http://purl.oclc.org/dsdl/schematron"'
SCH1X = 'xmlns:sch1x="http://www.ascc.net/xml/schematron"'
RNG = 'xmlns:rng="http://relaxng.org/ns/structure/1.0"'


def odd(inner):
	"""a schema specification (ODD) in the body"""
	return ('<p>An ODD fragment.</p>\n'
	    '      <schemaSpec ident="fixture" start="TEI">\n'
	    '        %s\n      </schemaSpec>' % inner)


def espec(inner, ident='foo', mode='change'):
	"""an elementSpec in a schemaSpec in the body"""
	return odd('<elementSpec ident="%s" mode="%s">%s</elementSpec>'
	    % (ident, mode, inner))


def attdefs(inner, org=''):
	return espec('<attList%s>%s</attList>'
	    % (' org="%s"' % org if org else '', inner))


WORD = '<datatype><dataRef key="teidata.word"/></datatype>'


def ms(inner):
	"""a manuscript description in sourceDesc"""
	return inner


# (NAME, PATTERN INDEX (0-based, document order), FIRE, PASS); FIRE and
# PASS are dicts: body (the <body>'s content), src (<sourceDesc>'s
# content), hdr (after <fileDesc>), pre (between <teiHeader> and <text>).
MSID = '<msIdentifier><repository>R</repository><idno>MS 1</idno></msIdentifier>'
FIX = [
 ('content-ns', 0,
  dict(body=espec('<content><foreign xmlns="http://example.org/ns"/></content>', mode='add')),
  dict(body=espec('<content><alternate><elementRef key="p"/><elementRef key="ab"/></alternate></content>', mode='add'))),
 ('datatype-ns', 1,
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><x:word xmlns:x="http://example.org/ns"/></datatype></attDef>')),
  dict(body=attdefs('<attDef ident="a" mode="add">%s</attDef>' % WORD))),
 ('generatedBy', 2,
  dict(body='<p generatedBy="template">Made by a template.</p>'),
  dict(body='<div><post generatedBy="human"><p>Hello.</p></post></div>')),
 ('when', 3,
  dict(body='<p><date when="2000-01-01" from="1999-01-01">1 January 2000</date></p>'),
  dict(body='<p><date when="2000-01-01">1 January 2000</date></p>')),
 ('from', 4,
  dict(body='<p><date from="1999" notBefore="1998">1999</date></p>'),
  dict(body='<p><date from="1999" to="2000">1999-2000</date></p>')),
 ('to', 5,
  dict(body='<p><date to="2000" notAfter="2001">until 2000</date></p>'),
  dict(body='<p><date from="1999" to="2000">1999-2000</date></p>')),
 ('source', 6,
  dict(body=odd('<moduleRef key="core" source="tei:4.11.0 tei:4.12.0"/>')),
  dict(body=odd('<moduleRef key="core" source="tei:4.12.0"/>'))),
 ('targetLang', 7,
  dict(body='<p><ref targetLang="de">a reference</ref></p>'),
  dict(body='<p><ref target="#p1" targetLang="de">a reference</ref></p>')),
 ('spanTo', 8,
  dict(body='<p xml:id="p1"><anchor xml:id="a1"/>one <addSpan spanTo="#a1"/>two <delSpan spanTo="#nowhere"/>three</p>'),
  dict(body='<p xml:id="p1"><addSpan spanTo="#a1"/>one <anchor xml:id="a1"/>two</p>')),
 ('schemeVersion', 9,
  dict(hdr='<encodingDesc><tagsDecl><rendition xml:id="r1" schemeVersion="2.1">color: red</rendition><rendition xml:id="r2" scheme="free" schemeVersion="1">red</rendition></tagsDecl></encodingDesc>'),
  dict(hdr='<encodingDesc><tagsDecl><rendition xml:id="r1" scheme="css" schemeVersion="2.1">color: red</rendition></tagsDecl></encodingDesc>')),
 ('subtype', 10,
  dict(body='<p><seg subtype="detail">a segment</seg></p>'),
  dict(body='<p><seg type="general" subtype="detail">a segment</seg></p>')),
 ('calendar', 11,
  dict(body='<p><date calendar="#julian" when="1700-01-01"/> and <date calendar="#julian">  </date></p>'),
  dict(body='<p><date calendar="#julian" when="1700-01-01">1 January 1700</date></p>')),
 ('p-in-ab-or-p', 12,
  dict(body='<ab><p>A paragraph in an ab.</p></ab>\n      <p>Outer <hi><p>inner</p></hi></p>'),
  dict(body='<p>Outer<note><p>A paragraph in a note.</p></note></p>')),
 ('p-in-l', 13,
  dict(body='<lg><l>A line <hi><p>with a paragraph</p></hi></l></lg>'),
  dict(body='<lg><l>A line<note><p>with a note</p></note></l></lg>')),
 ('deprecationInfo', 14,
  dict(body=espec('<desc type="deprecationInfo">Gone soon.</desc>')),
  dict(body=espec('<desc type="deprecationInfo">Gone soon.</desc>') .replace('mode="change"', 'mode="change" validUntil="2999-12-31"'))),
 ('rt-target', 15,
  dict(body='<p><ruby><rb xml:id="b1">漢</rb><rt target="#b1" from="#b1" to="#b1">kan</rt></ruby></p>'),
  dict(body='<p><ruby><rb xml:id="b1">漢</rb><rt target="#b1">kan</rt></ruby></p>')),
 ('rt-from', 16,
  dict(body='<p><ruby><rb xml:id="b1">漢</rb><rt from="#b1">kan</rt></ruby></p>'),
  dict(body='<p><ruby><rb xml:id="b1">漢</rb><rt from="#b1" to="#b1">kan</rt></ruby></p>')),
 ('rt-to', 17,
  dict(body='<p><ruby><rb xml:id="b1">漢</rb><rt to="#b1">kan</rt></ruby></p>'),
  dict(body='<p><ruby><rb xml:id="b1">漢</rb><rt from="#b1" to="#b1">kan</rt></ruby></p>')),
 ('ptr', 18,
  dict(body='<p xml:id="p1"><ptr target="#p1" cRef="1.1"/></p>'),
  dict(body='<p xml:id="p1"><ptr target="#p1"/></p>')),
 ('ref', 19,
  dict(body='<p xml:id="p1"><ref target="#p1" cRef="1.1">here</ref></p>'),
  dict(body='<p xml:id="p1"><ref target="#p1">here</ref></p>')),
 ('gloss-list', 20,
  dict(body='<list type="gloss"><item>an item</item></list>'),
  dict(body='<list type="gloss"><label>a</label><item>an item</item></list>')),
 ('relatedItem', 21,
  dict(body='<listBibl><bibl xml:id="b1"><title>A</title><relatedItem target="#b2"><bibl>B</bibl></relatedItem><relatedItem type="x"/></bibl><bibl xml:id="b2">C</bibl></listBibl>'),
  dict(body='<listBibl><bibl xml:id="b1"><title>A</title><relatedItem target="#b2"/><relatedItem><bibl>B</bibl></relatedItem></bibl><bibl xml:id="b2">C</bibl></listBibl>')),
 ('l-in-l', 22,
  dict(body='<lg><l>one <l>two</l></l></lg>'),
  dict(body='<lg><l>one<note><l>two</l></note></l></lg>')),
 ('lg-empty', 23,
  dict(body='<lg><label>no lines</label></lg>'),
  dict(body='<lg><l>one</l><gap/></lg>')),
 ('lg-in-l', 24,
  dict(body='<lg><l>one <lg><l>two</l></lg></l></lg>'),
  dict(body='<lg><l>one<note><lg><l>two</l></lg></note></l></lg>')),
 ('quotation', 25,
  dict(hdr='<encodingDesc><editorialDecl><quotation/></editorialDecl></encodingDesc>'),
  dict(hdr='<encodingDesc><editorialDecl><quotation marks="none"/></editorialDecl></encodingDesc>')),
 ('citeStructure-outer', 26,
  dict(hdr='<encodingDesc><refsDecl><citeStructure match="tei:div" use="@n"/></refsDecl></encodingDesc>'),
  dict(hdr='<encodingDesc><refsDecl><citeStructure match="/TEI/text/body/div" use="@n"/></refsDecl></encodingDesc>')),
 ('citeStructure-inner', 27,
  dict(hdr='<encodingDesc><refsDecl><citeStructure match="/TEI/text/body/div" use="@n"><citeStructure match="/TEI//p" use="position()"/></citeStructure></refsDecl></encodingDesc>'),
  dict(hdr='<encodingDesc><refsDecl><citeStructure match="/TEI/text/body/div" use="@n"><citeStructure match="tei:p" use="position()"/></citeStructure></refsDecl></encodingDesc>')),
 ('div-in-l', 28,
  dict(body='<lg><l>one <hi><div/></hi></l></lg>'),
  dict(body='<lg><l>one<note><floatingText><body><div><p>inner</p></div></body></floatingText></note></l></lg>')),
 ('div-in-ab-or-p', 29,
  dict(body='<p>one <hi><div/></hi></p>'),
  dict(body='<p>one<note><floatingText><body><div><p>inner</p></div></body></floatingText></note></p>')),
 ('shift', 30,
  dict(body='<p><shift feature="loud"/>Loud.</p>'),
  dict(body='<p><shift feature="loud" new="normal"/>Normal.</p>')),
 ('s-in-s', 31,
  dict(body='<p><s>One <s>two.</s></s></p>'),
  dict(body='<p><s>One <seg>two.</seg></s></p>')),
 ('span-target-from', 32,
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span from="#p1" target="#p1">a note</span></spanGrp>'),
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span from="#p1" to="#p1">a note</span></spanGrp>')),
 ('span-target-to', 33,
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span to="#p1" target="#p1">a note</span></spanGrp>'),
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span target="#p1">a note</span></spanGrp>')),
 ('span-to-no-from', 34,
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span to="#p1">a note</span></spanGrp>'),
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span from="#p1" to="#p1">a note</span></spanGrp>')),
 ('span-one-value', 35,
  dict(body='<p xml:id="p1">One.</p><p xml:id="p2">Two.</p>\n      <spanGrp><span from="#p1 #p2" to="#p2">a note</span><span from="#p1" to=" #p1  #p2 ">b</span></spanGrp>'),
  dict(body='<p xml:id="p1">One.</p>\n      <spanGrp><span from=" #p1 " to="#p1">a note</span></spanGrp>')),
 ('ms-singletons', 36,
  dict(src='<msDesc>%s<msContents><p>a</p></msContents><msContents><p>b</p></msContents><physDesc><p>a</p></physDesc><physDesc><p>b</p></physDesc><history><p>a</p></history><history><p>b</p></history><history><p>c</p></history><additional><p>a</p></additional><additional><p>b</p></additional></msDesc>' % MSID),
  dict(src='<msDesc>%s<msContents><p>a</p></msContents><physDesc><p>a</p></physDesc><history><p>a</p></history><additional><p>a</p></additional></msDesc>' % MSID)),
 ('catchwords', 37,
  dict(body='<p><catchwords>the end</catchwords></p>'),
  dict(src='<msDesc>%s<physDesc><objectDesc><supportDesc><collation><p><catchwords>the end</catchwords></p></collation></supportDesc></objectDesc></physDesc></msDesc>' % MSID)),
 ('dimensions', 38,
  dict(body='<p><dimensions unit="mm"><height>1</height><width>1</width><width>2</width><height>2</height><depth>1</depth><depth>2</depth></dimensions></p>'),
  dict(body='<p><dimensions unit="mm"><height>1</height><width>1</width><depth>1</depth></dimensions></p>')),
 ('secFol', 39,
  dict(body='<p><secFol>incipit</secFol></p>'),
  dict(src='<msDesc>%s<msContents><p><secFol>incipit</secFol></p></msContents></msDesc>' % MSID)),
 ('signatures', 40,
  dict(body='<p><signatures>a-d</signatures></p>'),
  dict(src='<msDesc>%s<physDesc><objectDesc><supportDesc><collation><p><signatures>a-d</signatures></p></collation></supportDesc></objectDesc></physDesc></msDesc>' % MSID)),
 ('msIdentifier', 41,
  dict(src='<msDesc><msIdentifier/></msDesc><msDesc><msIdentifier> <idno> </idno> </msIdentifier></msDesc>'),
  # idno and altIdentifier first: the rule names them without a prefix,
  # so in no namespace, and they never match TEI's
  dict(src='<msDesc><msIdentifier><idno>MS 1</idno></msIdentifier></msDesc><msDesc><msIdentifier><altIdentifier><idno>X</idno></altIdentifier></msIdentifier></msDesc><msDesc>%s<msPart><msIdentifier/></msPart></msDesc>' % MSID)),
 ('facsimile-text', 42,
  dict(pre='<facsimile><surface ulx="0" uly="0" lrx="10" lry="10"><zone ulx="0" uly="0" lrx="5" lry="5">Transcribed<line>a line</line></zone></surface></facsimile>'),
  dict(pre='<facsimile><surface ulx="0" uly="0" lrx="10" lry="10"><zone ulx="0" uly="0" lrx="5" lry="5">\n  <line points="0,0 5,0 5,5"/>\n</zone></surface></facsimile>')),
 ('path-closed', 43,
  dict(pre='<facsimile><surface ulx="0" uly="0" lrx="10" lry="10"><path points="0,0 10,10 0.0,0"/></surface></facsimile>'),
  dict(pre='<facsimile><surface ulx="0" uly="0" lrx="10" lry="10"><path points="0,0 10,10 0,10"/></surface></facsimile>')),
 ('addSpan', 44,
  dict(body='<p><addSpan/>Added.</p>'),
  dict(body='<p><addSpan spanTo="#e1"/>Added.<anchor xml:id="e1"/></p>')),
 ('addSpan-fr', 45,
  dict(body='<p><addSpan/>Added.</p>'),
  dict(body='<p><addSpan spanTo="#e1"/>Added.<anchor xml:id="e1"/></p>')),
 ('damageSpan', 46,
  dict(body='<p><damageSpan/>Damaged.</p>'),
  dict(body='<p><damageSpan spanTo="#e1"/>Damaged.<anchor xml:id="e1"/></p>')),
 ('damageSpan-fr', 47,
  dict(body='<p><damageSpan/>Damaged.</p>'),
  dict(body='<p><damageSpan spanTo="#e1"/>Damaged.<anchor xml:id="e1"/></p>')),
 ('delSpan', 48,
  dict(body='<p><delSpan/>Deleted.</p>'),
  dict(body='<p><delSpan spanTo="#e1"/>Deleted.<anchor xml:id="e1"/></p>')),
 ('delSpan-fr', 49,
  dict(body='<p><delSpan/>Deleted.</p>'),
  dict(body='<p><delSpan spanTo="#e1"/>Deleted.<anchor xml:id="e1"/></p>')),
 ('subst', 50,
  dict(body='<p><subst><add>new</add></subst> and <subst><del>old</del></subst></p>'),
  dict(body='<p><subst><del>old</del><add>new</add></subst> and <subst><surplus>x</surplus><add>y</add></subst></p>')),
 ('rdgGrp-lem', 51,
  dict(body='<p><app><rdgGrp><lem>a</lem><lem>b</lem></rdgGrp></app></p>'),
  dict(body='<p><app><rdgGrp><lem>a</lem><rdg>b</rdg></rdgGrp></app></p>')),
 ('variantEncoding', 52,
  dict(hdr='<encodingDesc><variantEncoding method="parallel-segmentation" location="external"/></encodingDesc>'),
  dict(hdr='<encodingDesc><variantEncoding method="parallel-segmentation" location="internal"/></encodingDesc>')),
 ('relation-name', 53,
  dict(pre='<standOff><listRelation><relation active="#a" passive="#b"/></listRelation></standOff>'),
  dict(pre='<standOff><listRelation><relation name="knows" active="#a" passive="#b"/><relation key="k" mutual="#a #b"/><relation ref="http://example.org/r" mutual="#a #b"/></listRelation></standOff>')),
 ('relation-active-mutual', 54,
  dict(pre='<standOff><listRelation><relation name="knows" active="#a" mutual="#b #c"/></listRelation></standOff>'),
  dict(pre='<standOff><listRelation><relation name="knows" mutual="#b #c"/></listRelation></standOff>')),
 ('relation-passive', 55,
  dict(pre='<standOff><listRelation><relation name="knows" passive="#b"/></listRelation></standOff>'),
  dict(pre='<standOff><listRelation><relation name="knows" active="#a" passive="#b"/></listRelation></standOff>')),
 ('link-targets', 56,
  dict(body='<p xml:id="p1">One.</p>\n      <linkGrp><link target="#p1"/><link target=" #p1 "/></linkGrp>'),
  dict(body='<p xml:id="p1">One.</p>\n      <linkGrp><link target="#p1 #p1"/></linkGrp>')),
 ('ab-in-l', 57,
  dict(body='<lg><l>one <hi><ab>an ab</ab></hi></l></lg>'),
  dict(body='<lg><l>one<note><ab>an ab</ab></note></l></lg>')),
 ('join-targets', 58,
  dict(body='<p xml:id="p1">One.</p>\n      <join target="#p1"/>'),
  dict(body='<p xml:id="p1">One.</p><p xml:id="p2">Two.</p>\n      <join target="#p1 #p2"/>')),
 ('min-max-occurs', 59,
  dict(body=espec('<content><sequence><elementRef key="p" minOccurs="2" maxOccurs="1"/><elementRef key="ab" minOccurs="3"/></sequence></content>', mode='add')),
  dict(body=espec('<content><sequence><elementRef key="p" minOccurs="2" maxOccurs="unbounded"/><elementRef key="ab" minOccurs="1"/><elementRef key="lg" minOccurs="2" maxOccurs=" 2"/></sequence></content>', mode='add'))),
 ('spec-module', 60,
  dict(body=odd('<moduleRef key="core"/><elementSpec ident="foo" module="nosuch" mode="add"><desc>Foo.</desc></elementSpec><classSpec ident="att.foo" type="atts" module="neither" mode="add"><desc>Foo.</desc></classSpec>')),
  dict(body=odd('<moduleRef key="core"/><moduleSpec ident="mine"><desc>Mine.</desc></moduleSpec><elementSpec ident="foo" module="core" mode="add"><desc>Foo.</desc></elementSpec><macroSpec ident="macro.foo" module="mine" mode="add"><desc>Foo.</desc></macroSpec>'))),
 ('validUntil', 61,
  dict(body=espec('<desc type="deprecationInfo">Gone.</desc><attList><attDef ident="bar" mode="change"><valList type="closed" validUntil="2001-02-03"><valItem ident="x"/></valList></attDef></attList>').replace('mode="change">', 'mode="change" validUntil="2000-01-01">', 1)),
  dict(body=espec('<desc type="deprecationInfo">Gone.</desc>').replace('mode="change"', 'mode="change" validUntil="2999-12-31"'))),
 ('validUntil-explained', 62,
  dict(body=espec('<desc>Foo.</desc>').replace('mode="change"', 'mode="change" validUntil="2999-12-31"')),
  dict(body=espec('<desc type="deprecationInfo">Gone.</desc><attList><attDef ident="bar" mode="change"><valList type="closed" validUntil="2999-12-31"><valItem ident="x"/></valList></attDef></attList>').replace('mode="change"', 'mode="change" validUntil="2999-12-31"', 1))),
 ('elementRef', 63,
  dict(body=odd('<elementRef key="p" minOccurs="1" maxOccurs="2"/><elementSpec ident="foo" mode="add"><content><alternate><elementRef key="p" source="tei:4.12.0"/><elementRef key="ab"/></alternate></content></elementSpec>')),
  dict(body=odd('<elementRef key="p"/><elementSpec ident="foo" mode="add"><content><alternate><elementRef key="p" minOccurs="0"/><elementRef key="ab"/></alternate></content></elementSpec>'))),
 ('moduleRef-children', 64,
  dict(body=odd('<moduleRef key="core"><content %s><rng:empty/></content></moduleRef>' % RNG)),
  dict(body=odd('<moduleRef url="file:///nowhere/x.rng"><content %s><rng:empty/></content></moduleRef>' % RNG))),
 ('moduleRef-prefix', 65,
  dict(body=odd('<moduleRef key="core" prefix="x_"/><moduleRef key="tei" prefix="x_"/>')),
  dict(body=odd('<moduleRef key="core" prefix="a_"/><moduleRef key="tei" prefix="b_"/>'))),
 ('moduleRef-except-include', 66,
  dict(body=odd('<moduleRef key="core" include="p" except="ab"/>')),
  dict(body=odd('<moduleRef key="core" include="p ab"/>'))),
 ('elementSpec-mode', 67,
  dict(body=odd('<elementSpec ident="p" mode="delete"><desc>P.</desc></elementSpec><elementSpec ident="ab" mode="change"/><elementSpec ident="lg" mode="replace"/>')),
  dict(body=odd('<elementSpec ident="p" mode="delete"/><elementSpec ident="ab" mode="change" ns="http://example.org/ns"/><elementSpec ident="lg" mode="replace"><desc>LG.</desc></elementSpec>'))),
 ('elementSpec-valList', 68,
  dict(body=espec('<valList type="closed"><valItem ident="a"/></valList>')),
  dict(body=espec('<content><valList type="closed"><valItem ident="a"/></valList></content>'))),
 ('dataSpec-content', 69,
  dict(body=odd('<dataSpec ident="teidata.foo"><content><alternate><elementRef key="p"/><classRef key="model.pLike"/></alternate></content></dataSpec>')),
  dict(body=odd('<dataSpec ident="teidata.foo"><content><dataRef name="string"/></content></dataSpec>'))),
 ('remarks-ident', 70,
  dict(body=espec('<remarks><p>A remark.</p></remarks>')),
  dict(body=espec('<remarks ident="r1"><p>A remark.</p></remarks>'))),
 ('listRef-nested', 71,
  dict(body=espec('<listRef><listRef><ptr target="#p1"/></listRef></listRef>')),
  dict(body=espec('<listRef><ptr target="#p1"/></listRef>'))),
 ('listRef-children', 72,
  dict(body=espec('<listRef><ptr target="#p1 #p2"/><ref>nowhere</ref><ref target="#p1&#9;#p2">tab</ref></listRef>')),
  dict(body=espec('<listRef><ptr target="#p1"/><ref target="#p2">p2</ref></listRef>'))),
 ('model-default-dup', 73,
  dict(body=espec('<model behaviour="inline"/><model behaviour="block"/><modelGrp output="web"><model behaviour="inline" output=" web"/><model behaviour="block" output="web"/></modelGrp>')),
  dict(body=espec('<model behaviour="inline" output="web"/><model behaviour="block" output="print"/><model predicate="@rend" behaviour="inline"/>'))),
 ('model-dup', 74,
  dict(body=espec('<model predicate="@rend" behaviour="inline"/><model predicate=" @rend" behaviour="block"/>')),
  dict(body=espec('<model predicate="@rend" behaviour="inline"/><model predicate="@type" behaviour="block"/><model predicate="@rend" output="web" behaviour="block"/>'))),
 ('modelSequence', 75,
  dict(body=espec('<modelSequence><model behaviour="inline" output="web"/><model behaviour="block"/></modelSequence>')),
  dict(body=espec('<modelSequence output="web"><model behaviour="inline"/><model behaviour="block"/></modelSequence>'))),
 ('sequence', 76,
  dict(body=espec('<content><sequence><elementRef key="p"/></sequence></content>', mode='add')),
  dict(body=espec('<content><sequence><elementRef key="p"/><elementRef key="ab"/></sequence></content>', mode='add'))),
 ('alternate', 77,
  dict(body=espec('<content><alternate><elementRef key="p"/></alternate></content>', mode='add')),
  dict(body=espec('<content><alternate><elementRef key="p"/><elementRef key="ab"/></alternate></content>', mode='add'))),
 ('interleave', 78,
  dict(body=espec('<content><interleave><elementRef key="p"/></interleave></content>', mode='add')),
  dict(body=espec('<content><interleave><elementRef key="p"/><elementRef key="ab"/></interleave></content>', mode='add'))),
 ('constraintDecl-scheme', 79,
  dict(body=odd('<constraintDecl scheme="schematron" queryBinding="xslt2"/><constraintDecl scheme="schematron" queryBinding="xslt3"/>')),
  dict(body=odd('<constraintDecl scheme="schematron" queryBinding="xslt2"/><constraintDecl scheme="isoschematron" queryBinding="xslt2"/>'))),
 ('constraintSpec-mode', 80,
  dict(body=espec('<constraintSpec ident="c1" mode="delete" scheme="schematron"><desc>C1.</desc></constraintSpec><constraintSpec ident="c2" mode="change" scheme="schematron"/><constraintSpec ident="c3" mode="add" scheme="schematron"><desc>C3.</desc></constraintSpec>')),
  dict(body=espec('<constraintSpec ident="c1" mode="delete"/><constraintSpec ident="c2" mode="change" scheme="schematron"><desc>C2.</desc></constraintSpec><constraintSpec ident="c3" mode="add" scheme="schematron"><constraint><sch:rule %s context="tei:p"><sch:assert test="true()">x</sch:assert></sch:rule></constraint></constraintSpec>' % SCH))),
 ('constraintSpec-sch1x', 81,
  dict(body=espec('<constraintSpec ident="c1" scheme="schematron"><constraint><sch1x:rule %s context="tei:p"><sch1x:assert test="true()">x</sch1x:assert></sch1x:rule></constraint></constraintSpec>' % SCH1X)),
  dict(body=espec('<constraintSpec ident="c1" scheme="schematron"><constraint><sch:rule %s context="tei:p"><sch:assert test="true()">x</sch:assert></sch:rule></constraint></constraintSpec>' % SCH))),
 ('constraintSpec-isosch', 82,
  dict(body=espec('<constraintSpec ident="c1" scheme="isoschematron"><constraint><sch:rule %s context="tei:p"><sch:assert test="true()">x</sch:assert></sch:rule></constraint></constraintSpec>' % SCH)),
  dict(body=espec('<constraintSpec ident="c1" scheme="schematron"><constraint><sch:rule %s context="tei:p"><sch:assert test="true()">x</sch:assert></sch:rule></constraint></constraintSpec>' % SCH))),
 ('constraintSpec-context', 83,
  dict(body=espec('<constraintSpec ident="c1" scheme="schematron"><constraint><sch:assert %s test="true()">x</sch:assert></constraint></constraintSpec>' % SCH)
      .replace('<elementSpec', '<constraintDecl scheme="schematron" queryBinding="xslt2"><sch:pattern %s><sch:report test="false()">r</sch:report></sch:pattern></constraintDecl><elementSpec' % SCH)),
  dict(body=espec('<constraintSpec ident="c1" scheme="schematron"><constraint><sch:pattern %s><sch:rule context="tei:p"><sch:assert test="true()">x</sch:assert><sch:report test="false()">y</sch:report></sch:rule></sch:pattern></constraint></constraintSpec>' % SCH))),
 ('constraintSpec-unique', 84,
  dict(body=odd('<elementSpec ident="foo" mode="change"><constraintSpec ident="c" scheme="schematron" mode="add"><constraint><x:rule xmlns:x="http://example.org/rules">One.</x:rule></constraint></constraintSpec></elementSpec><elementSpec ident="bar" mode="change"><constraintSpec ident=" c " scheme="schematron"><constraint><x:rule xmlns:x="http://example.org/rules">Two.</x:rule></constraint></constraintSpec></elementSpec>')),
  dict(body=odd('<elementSpec ident="foo" mode="change"><constraintSpec ident="c1" scheme="schematron" mode="add"><constraint><x:rule xmlns:x="http://example.org/rules">One.</x:rule></constraint></constraintSpec></elementSpec><elementSpec ident="bar" mode="change"><constraintSpec ident="c2" scheme="schematron"><constraint><x:rule xmlns:x="http://example.org/rules">Two.</x:rule></constraint></constraintSpec><constraintSpec ident="c1" mode="delete"/></elementSpec>'))),
 ('constraintSpec-scheme', 85,
  dict(body=espec('<constraintSpec ident="c1" mode="add"><constraint><x:rule xmlns:x="http://example.org/rules">One.</x:rule></constraint></constraintSpec><constraintSpec ident="c2"><constraint><x:rule xmlns:x="http://example.org/rules">Two.</x:rule></constraint></constraintSpec>')),
  dict(body=espec('<constraintSpec ident="c1" mode="add" scheme="schematron"><constraint><x:rule xmlns:x="http://example.org/rules">One.</x:rule></constraint></constraintSpec><constraintSpec ident="c2" scheme="schematron"><constraint><x:rule xmlns:x="http://example.org/rules">Two.</x:rule></constraint></constraintSpec>'))),
 ('attList-dups', 86,
  dict(body=attdefs('<attDef ident="a" mode="add">%s</attDef><attDef ident="b" ns="http://example.org/ns" mode="add">%s</attDef><attDef ident="a" mode="add">%s</attDef><attList org="choice"><attDef ident="b" ns="http://example.org/ns" mode="add">%s</attDef></attList><attDef ident="b" mode="add">%s</attDef>' % ((WORD,) * 5))),
  dict(body=attdefs('<attDef ident="a" mode="add">%s</attDef><attDef ident="a" mode="add">%s</attDef><attDef ident="a" ns="http://example.org/ns" mode="add">%s</attDef>' % ((WORD,) * 3), org='choice'))),
 ('attDef-contents', 87,
  dict(body=attdefs('<attDef ident="a" mode="add"><desc>A.</desc></attDef><attDef ident="b" mode="replace"><valList type="open"><valItem ident="x"/></valList></attDef>')),
  dict(body=attdefs('<attDef ident="a" mode="add"><valList type="closed"><valItem ident="x"/></valList></attDef><attDef ident="b" mode="delete"/><attDef ident="c" mode="change"><desc>C.</desc></attDef><attDef ident="d">%s</attDef>' % WORD))),
 ('attDef-req-default', 88,
  dict(body=attdefs('<attDef ident="a" usage="req" mode="add">%s<defaultVal> x  y </defaultVal></attDef>' % WORD)),
  dict(body=attdefs('<attDef ident="a" usage="opt" mode="add">%s<defaultVal>x</defaultVal></attDef><attDef ident="b" usage="req" mode="add">%s</attDef>' % (WORD, WORD)))),
 ('attDef-default-many', 89,
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype maxOccurs="3"><dataRef key="teidata.enumerated"/></datatype><defaultVal>q z</defaultVal><valList type="closed"><valItem ident="x"/><valItem ident="y"/></valList></attDef>')),
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype minOccurs="2" maxOccurs="3"><dataRef key="teidata.enumerated"/></datatype><defaultVal>q y</defaultVal><valList type="closed"><valItem ident="x"/><valItem ident="y"/></valList></attDef><attDef ident="b" mode="add"><datatype maxOccurs="unbounded"><dataRef key="teidata.enumerated"/></datatype><defaultVal>q</defaultVal><valList type="closed"><valItem ident="x"/></valList></attDef>'))),
 ('attDef-default-one', 90,
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><dataRef key="teidata.enumerated"/></datatype><defaultVal>q</defaultVal><valList type="closed"><valItem ident="x"/></valList></attDef><attDef ident="b" mode="add"><datatype maxOccurs="1"><dataRef key="teidata.enumerated"/></datatype><defaultVal> x</defaultVal><valList type="closed"><valItem ident="x"/></valList></attDef>')),
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><dataRef key="teidata.enumerated"/></datatype><defaultVal>x</defaultVal><valList type="closed"><valItem ident="x"/><valItem ident="y"/></valList></attDef>'))),
 ('dataRef-facet', 91,
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><dataRef key="teidata.word"><dataFacet name="maxLength" value="3"/></dataRef></datatype></attDef><attDef ident="b" mode="add"><datatype><dataRef name="string" restriction="[a-z]+"><dataFacet name="maxLength" value="3"/></dataRef></datatype></attDef>')),
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><dataRef name="string"><dataFacet name="maxLength" value="3"/></dataRef></datatype></attDef>'))),
 ('dataRef-restriction', 92,
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><dataRef key="teidata.word" restriction="[a-z]+"/></datatype></attDef>')),
  dict(body=attdefs('<attDef ident="a" mode="add"><datatype><dataRef name="token" restriction="[a-z]+"/></datatype></attDef>'))),
]

DOC = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- teikit test fixture: TEI Schematron pattern %(pid)s
     (%(kind)s: %(what)s).  Made by tests/sch/mkfixtures.py. -->
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>Fixture %(name)s.%(kind)s</title></titleStmt>
      <publicationStmt><p>A teikit test fixture.</p></publicationStmt>
      <sourceDesc>%(src)s</sourceDesc>
    </fileDesc>%(hdr)s
  </teiHeader>%(pre)s
  <text>
    <body>
      %(body)s
    </body>
  </text>
</TEI>
'''


def pattern_ids(isosch):
	import xml.etree.ElementTree as ET
	S = '{http://purl.oclc.org/dsdl/schematron}'
	return [p.get('id') for p in ET.parse(isosch).getroot()
	    .findall(S + 'pattern')]


def main():
	here = os.path.dirname(os.path.abspath(__file__))
	out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, 'tei')
	isosch = os.path.join(here, '..', '..', '..', 'shared', 'data',
	    'tei_all.isosch')
	ids = pattern_ids(isosch)
	os.makedirs(out, exist_ok=True)
	seen = set()
	readme = ['# tests/sch/tei: TEI Schematron fixtures',
	    '',
	    'For each Schematron pattern of TEI P5 4.12.0 tei_all',
	    '(../shared/data/tei_all.isosch, 93 patterns): NAME.fire.xml,',
	    'a TEI document that makes the pattern fire (a failed assert or a',
	    'successful report of it; other patterns may fire too), and',
	    'NAME.pass.xml, one that goes through the same rule context with',
	    'no finding at all.  NAME.fire.expected and NAME.pass.expected are',
	    'their findings as SchXslt 2.0 gives them, one a line, sorted:',
	    'LOCATION<TAB>assert|report<TAB>MESSAGE (tests/sch-svrl.py); every',
	    '.pass.expected is empty.  Made by ../mkfixtures.py and',
	    '../mkexpected.sh; checked by tests/sch-tei.sh (teikit against the',
	    '.expected) and tests/sch-diff.sh (teikit against SchXslt, live).',
	    '',
	    'N is the pattern\'s place in tei_all.isosch (0-based); pattern 63',
	    'has no id.',
	    '',
	    'Every pattern fires: none needed to be left out.  All the .pass',
	    'documents are valid against tei_all (RELAX NG); 11 .fire ones are',
	    'not, because the schema forbids what the rule checks too: ab-in-l,',
	    'div-in-ab-or-p, div-in-l, l-in-l, lg-in-l, p-in-ab-or-p, p-in-l,',
	    'rdgGrp-lem, relation-active-mutual, span-one-value,',
	    'moduleRef-except-include.',
	    '',
	    'Where a rule has several tests, or a pattern several rules, the',
	    'fire document fires each: relatedItem, dimensions (three reports',
	    'with one location and one message: a multiset), min-max-occurs,',
	    'validUntil (both asserts, on an element with @ident and one',
	    'without), elementRef, elementSpec-mode, constraintSpec-mode,',
	    'dataRef-facet.  Cases where a careless engine would differ from',
	    'SchXslt, kept on purpose:',
	    '- msIdentifier: the rule tests self::idno and self::altIdentifier',
	    '  with no prefix, i.e. in no namespace; they never match TEI\'s, so',
	    '  the .pass document starts an msIdentifier with <idno>.',
	    '- path-closed: @points "0,0 10,10 0.0,0" is closed as xs:float',
	    '  (0.0 eq 0), not as strings.',
	    '- l-in-l, lg-in-l: current() inside a predicate; a line in a note',
	    '  in a line passes.',
	    '- spanTo: id() with xml:id, a pointer backwards and one to nothing.',
	    '- moduleRef-prefix: generate-id(); both moduleRefs report.',
	    '- model-default-dup: ($output, parent::modelGrp/@output, \'all\')[1]',
	    '  is "" (an empty string is not an empty sequence; modelGrp has no',
	    '  prefix, so no namespace).',
	    '- attList-dups: distinct-values in first-seen order, Q{ns}name for',
	    '  an attribute in a namespace; in attList org="choice" a repeat is',
	    '  not a duplicate.',
	    '- attDef-default-many.pass: maxOccurs="unbounded" makes the rule',
	    '  context\'s `@maxOccurs > 1` a type error (untypedAtomic to double);',
	    '  Saxon takes the error in a match pattern as no match (a warning),',
	    '  so that attDef gives no finding.',
	    '- validUntil: current-date(); the fire dates are 2000-01-01 and',
	    '  2001-02-03, the pass ones 2999-12-31, so the results stand until',
	    '  then.',
	    '- rt-*: the rule context is an attribute; the location ends in',
	    '  /@Q{}target.',
	    '',
	    'Roles in tei_all: 6 tests role="nonfatal" (att.datable.w3c, dataRef),',
	    '4 role="warning" (shift, remarks, validUntil\'s second assert,',
	    'modelSequence), 2 role="error" (elementRef), 1 rule role="warn"',
	    '(dataSpec-content); the others none.',
	    '',
	    'N\tNAME\tPATTERN ID']
	for name, n, fire, ok in FIX:
		assert name not in seen, name
		assert n not in [x[1] for x in FIX if x[0] in seen], n
		seen.add(name)
		pid = ids[n] or '(no id)'
		readme.append('%d\t%s\t%s' % (n, name, pid))
		for kind, d, what in (('fire', fire, 'fires it'),
		    ('pass', ok, 'no finding')):
			doc = DOC % dict(pid=pid, kind=kind, what=what,
			    name=name,
			    src=d.get('src', '<p>Written for teikit.</p>'),
			    hdr='\n    ' + d['hdr'] if 'hdr' in d else '',
			    pre='\n  ' + d['pre'] if 'pre' in d else '',
			    body=d.get('body', '<p>Fixture.</p>'))
			with open(os.path.join(out, '%s.%s.xml' % (name, kind)),
			    'w', encoding='utf-8') as f:
				f.write(doc)
	missing = [i for i in range(len(ids)) if i not in
	    [x[1] for x in FIX]]
	if missing:
		sys.stderr.write('mkfixtures.py: no fixture for patterns %s\n'
		    % missing)
		return 1
	with open(os.path.join(out, 'README'), 'w', encoding='utf-8') as f:
		f.write('\n'.join(readme) + '\n')
	return 0


if __name__ == '__main__':
	sys.exit(main())
